// Cold start of the CLI, and which modules it spends it loading. `npm run build` first.
//
//   node scripts/startup-profile.mjs [runs]           spawn → first 2xx, median of `runs` (default 10)
//   node scripts/startup-profile.mjs --modules [n]    the n (default 25) slowest requires of one start
//
// Each run spawns `node dist/cli.js --port 0 --in-memory --log-level warn`, waits for the
// banner's `listening on <url>` line, then times two kinds of first request from the spawn: the
// health route (GET /_strongroom/health), and an AWS call (KMS GenerateRandom, then Secrets
// Manager ListSecrets on the same start, each paying its own first use). A bare node:http server
// answering a fixed body, spawned the same way, is the floor. STRONGROOM_DIST picks other build
// directories, comma-separated (e.g. one built from another commit, then dist): their starts are
// interleaved, so a busy machine weighs on each alike, for a before/after on the same machine.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const dists = (process.env.STRONGROOM_DIST ?? join(root, 'dist')).split(',');
const BARE = "const s=require('node:http').createServer((q,r)=>r.end('{}'));s.listen(0,'127.0.0.1',()=>console.log('listening on http://127.0.0.1:'+s.address().port))";

/** Spawns `node ...args` and resolves with the child and the URL of its `listening on` line. */
function start(args, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const url = /listening on (http:\S+)/.exec(out)?.[1];
      if (url) resolve({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before listening: ${out}`)));
  });
}

function send(url, { method = 'GET', path = '/', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), { method, headers }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode < 300 ? resolve() : reject(new Error(`${method} ${path}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** An AWS JSON 1.1 call signed in form only (the CLI's default --auth open checks no signature). */
function aws(url, service, target, input) {
  const body = JSON.stringify(input);
  return send(url, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': target,
      'x-amz-date': '20260101T000000Z',
      authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
    },
  });
}

const CLI = (dist = dists[0]) => [join(dist, 'cli.js'), '--port', '0', '--in-memory', '--log-level', 'warn'];

/** One start: milliseconds from spawn to each first answer. */
async function once(dist, first) {
  const t0 = performance.now();
  const { child, url } = await start(CLI(dist));
  const at = { listening: performance.now() - t0 };
  for (const [name, request] of first) {
    await request(url);
    at[name] = performance.now() - t0;
  }
  child.kill();
  return at;
}

async function bareOnce() {
  const t0 = performance.now();
  const { child, url } = await start(['-e', BARE]);
  await send(url);
  const ms = performance.now() - t0;
  child.kill();
  return { 'first 2xx': ms };
}

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Each `{ label, run }` `runs` times, interleaved; prints each one's medians. */
async function series(items, runs) {
  const samples = items.map(() => []);
  for (let i = 0; i < runs; i++) for (const [j, { run }] of items.entries()) samples[j].push(await run());
  for (const [j, { label }] of items.entries()) {
    const cells = Object.keys(samples[j][0]).map((k) => `${k} ${median(samples[j].map((s) => s[k])).toFixed(0)} ms`);
    console.log(`${label}\n    ${cells.join(' · ')}`);
  }
}

const health = ['health', (url) => send(url, { path: '/_strongroom/health' })];
const kms = ['KMS GenerateRandom', (url) => aws(url, 'kms', 'TrentService.GenerateRandom', { NumberOfBytes: 32 })];
const sm = ['SM ListSecrets', (url) => aws(url, 'secretsmanager', 'secretsmanager.ListSecrets', {})];

/** Times every require() of one start (inclusive of what it requires in turn) and prints the slowest. */
async function modules(top) {
  const hook = `
    const M = require('node:module'); const load = M._load; const times = new Map(); let depth = 0;
    M._load = function (request, parent, isMain) {
      const t = performance.now(); depth++;
      try { return load.apply(this, arguments); }
      finally { depth--; const key = request + (depth ? '' : ' (top)'); times.set(key, (times.get(key) ?? 0) + performance.now() - t); }
    };
    process.on('SIGTERM', () => {
      const rows = [...times].sort((a, b) => b[1] - a[1]).slice(0, ${top});
      process.stderr.write(rows.map(([k, v]) => v.toFixed(1).padStart(7) + ' ms  ' + k).join('\\n') + '\\n');
      process.exit(0);
    });`;
  const file = join(mkdtempSync(join(tmpdir(), 'strongroom-startup-')), 'hook.cjs');
  writeFileSync(file, hook);
  const { child, url } = await start(['--require', file, ...CLI()]);
  await send(url, { path: '/_strongroom/health' });
  console.log(`inclusive require() time, one start of ${relative(process.cwd(), dists[0]) || '.'}:`);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(join(file, '..'), { recursive: true, force: true });
}

async function main() {
  if (process.argv[2] === '--modules') return modules(Number(process.argv[3] ?? 25));
  const runs = Number(process.argv[2] ?? 10);
  console.log(`${new Date().toISOString()}  node ${process.version}  median of ${runs} starts, from spawn`);
  const name = (dist) => relative(process.cwd(), dist) || '.';
  const bare = { label: 'bare node:http', run: bareOnce };
  await series([bare, ...dists.map((dist) => ({ label: `${name(dist)}, health first`, run: () => once(dist, [health, kms, sm]) }))], runs);
  await series(dists.map((dist) => ({ label: `${name(dist)}, AWS call first`, run: () => once(dist, [kms, sm]) })), runs);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
