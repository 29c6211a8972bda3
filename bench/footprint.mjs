// Idle footprint against the bare ceiling: the RSS of a server (a child process, see
// child-server.mjs, started with --expose-gc, on a temporary data dir on disk: the CLI's default
// storage) empty after start, after creating 1,000 secrets with a 1 KiB SecretString through the
// API, and after growing to 10,000, each time after FOOTPRINT_IDLE_SECONDS idle and a full GC,
// in each mode of bench/run.mjs (`open` with the audit trail off, `enforce` with it on: the
// trail keeps the create events), beside the idle RSS of a bare node:http server measured the
// same way. The servers idle side by side (they run at the same time; only the creates are
// taken in turn). `npm run bench:footprint` builds first.
//
// Environment: FOOTPRINT_SIZES (default 1000,10000), FOOTPRINT_IDLE_SECONDS (default 20),
// BENCH_DIST (the dist/ to start, default this checkout's).
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { forEach, machineLine, pin, PINNING, residentParts, withServer } from './child-server.mjs';

const SIZES = (process.env.FOOTPRINT_SIZES ?? '1000,10000').split(',').map(Number);
const IDLE_SECONDS = Number(process.env.FOOTPRINT_IDLE_SECONDS ?? 20);
const MODES = { open: { auth: 'open', auditTrail: false }, enforce: { auth: 'enforce', auditTrail: true } };
const VALUE_1KIB = JSON.stringify({ username: 'app', password: 'x'.repeat(1024 - 32) });
const nameOf = (i) => `bench/app-${String(i).padStart(6, '0')}`;
const MiB = 2 ** 20;

/** Points are reached by every server before any idles: `gate(i)` resolves once all have reached point i. */
function barrier(parties) {
  const waiting = [];
  return (point) => {
    waiting[point] ??= { count: 0, release: undefined };
    const entry = waiting[point];
    entry.promise ??= new Promise((release) => (entry.release = release));
    if (++entry.count === parties) entry.release();
    return entry.promise;
  };
}

let createTurn = Promise.resolve();
/** The creates of one server, one server at a time (so each gets the machine). */
function inTurn(fn) {
  const run = createTurn.then(fn);
  createTurn = run.catch(() => {});
  return run;
}

async function strongroomRows(mode, gate) {
  return withServer('disk', { ...MODES[mode], sockets: 64, execArgv: ['--expose-gc'] }, async ({ server, call }) => {
    const rows = [];
    const sample = async (point, stage) => {
      await gate(point);
      await sleep(IDLE_SECONDS * 1000);
      rows.push({ side: mode, stage, ...(await server.memory()) });
    };
    await sample(0, 'empty, after start');
    let count = 0;
    for (const [i, size] of SIZES.entries()) {
      await inTurn(() =>
        forEach(count, size, 64, (n) => call('secretsmanager.CreateSecret', { Name: nameOf(n), ClientRequestToken: randomUUID(), SecretString: VALUE_1KIB })),
      );
      count = size;
      await sample(i + 1, `${size.toLocaleString('en')} secrets, idle`);
    }
    return rows;
  });
}

/** The bare server's RSS after each idle, as a child of its own. */
async function bareRows(gate) {
  const child = fork(fileURLToPath(import.meta.url), ['--bare'], { execArgv: ['--expose-gc'] });
  await once(child, 'message');
  pin(child.pid, PINNING?.server);
  const rows = [];
  for (let point = 0; point <= SIZES.length; point++) {
    await gate(point);
    await sleep(IDLE_SECONDS * 1000);
    child.send('memory');
    const [memory] = await once(child, 'message');
    rows.push({ side: 'bare', stage: point === 0 ? 'idle, after start' : `idle (${SIZES[point - 1].toLocaleString('en')} point)`, ...memory });
  }
  child.kill();
  return rows;
}

async function main() {
  const gate = barrier(Object.keys(MODES).length + 1);
  const results = await Promise.all([bareRows(gate), ...Object.keys(MODES).map((mode) => strongroomRows(mode, gate))]);
  const f = (n) => (n === undefined || Number.isNaN(n) ? '?' : (n / MiB).toFixed(1));
  console.log(`\n${machineLine()}`);
  console.log(`Idle memory (RSS after a full GC and ${IDLE_SECONDS} s idle), on disk; modes: ${JSON.stringify(MODES)}\n`);
  console.log('| side | point | RSS MiB | anonymous MiB | files MiB | heap used MiB | external MiB |');
  console.log('|---|---|---:|---:|---:|---:|---:|');
  for (const r of results.flat()) console.log(`| ${r.side} | ${r.stage} | ${f(r.rss)} | ${f(r.rssAnon)} | ${f(r.rssFile)} | ${f(r.heapUsed)} | ${f(r.external)} |`);
}

if (process.argv[2] === '--bare') {
  const server = createServer((req, res) => res.end('ok')).listen(0, '127.0.0.1', () => process.send('listening'));
  process.on('message', async () => {
    for (let i = 0; i < 3; i++) {
      globalThis.gc();
      await new Promise((resolve) => setImmediate(resolve));
    }
    process.send({ ...process.memoryUsage(), ...residentParts() });
  });
  server.unref();
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
