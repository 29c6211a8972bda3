// Load benchmark: Strongroom's AWS path against the ceiling of a bare node:http server that
// answers a fixed body of the same size. Each server runs in a child process of its own
// (Strongroom through createStrongroom from dist/, in memory, log level warn), so its CPU time
// can be read apart; the load generator runs here on raw keep-alive sockets, one request in
// flight per connection, so its own cost stays small. `npm run bench` builds first.
//
// To add an operation, add a scenario (here, or in a file of bench/scenarios/ spread into the
// list below): `request(state)` returns the target and the JSON body of one call; the optional
// `setup(call)` runs once before the load (create a key, say) and returns the `state` handed
// to `request`. `call(target, body)` makes one AWS request and resolves to `{ json, size }`.
//
// Environment: BENCH_SECONDS (per server and scenario, default 5), BENCH_CONNECTIONS (default 50),
// BENCH_ONLY (run the scenarios whose name contains one of these comma-separated texts),
// BENCH_BASELINE (the dist/ folder of another build, say of an earlier commit, to run beside
// this one in the same slices:
//   git worktree add /tmp/base <commit> && (cd /tmp/base && npm ci && npm run build)
//   BENCH_BASELINE=/tmp/base/dist npm run bench),
// BENCH_BASELINE_OPTIONS (createStrongroom options, as JSON, for the baseline side: with them
// alone the baseline is this build with other options, as bench/audit.mjs runs it),
// BENCH_STORAGE (`memory`, the default, or `disk`: each Strongroom on a temporary data dir).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { machineLine } from './child-server.mjs';
import { kmsScenarios } from './scenarios/kms.mjs';
import { secretsManagerScenarios } from './scenarios/secretsmanager.mjs';

const scenarios = [
  {
    name: 'KMS GenerateRandom (32 bytes)',
    request: () => ({ target: 'TrentService.GenerateRandom', body: { NumberOfBytes: 32 } }),
  },
  {
    name: 'SM GetRandomPassword',
    request: () => ({ target: 'secretsmanager.GetRandomPassword', body: {} }),
  },
  ...kmsScenarios,
  ...secretsManagerScenarios,
];

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WARMUP_SECONDS = 1;
const BASELINE_OPTIONS = process.env.BENCH_BASELINE_OPTIONS;
const BASELINE = process.env.BENCH_BASELINE ?? (BASELINE_OPTIONS && 'this build');
const ONLY = process.env.BENCH_ONLY?.split(',').map((text) => text.trim());

// ---- servers (child processes, so each one's CPU time can be read on its own) ----

async function serve(kind, bodySize) {
  let port;
  if (kind === 'strongroom' || kind === 'baseline') {
    const otherBuild = kind === 'baseline' && process.env.BENCH_BASELINE;
    const dist = otherBuild ? pathToFileURL(`${process.env.BENCH_BASELINE}/`).href : new URL('../dist/', import.meta.url).href;
    const { createStrongroom } = await import(new URL('index.js', dist).href);
    const options = kind === 'baseline' && BASELINE_OPTIONS ? JSON.parse(BASELINE_OPTIONS) : {};
    port = (await createStrongroom({ port: 0, ...storage(), logLevel: 'warn', ...options })).port;
  } else {
    // The ceiling: no routing, no parsing, the same headers and a body of the same size.
    const body = Buffer.from(`{"Plaintext":"${'A'.repeat(Math.max(0, bodySize - 15))}"}`);
    const headers = ['Content-Type', 'application/x-amz-json-1.1', 'Content-Length', String(body.length), 'x-amzn-RequestId', '00000000-0000-4000-8000-000000000000'];
    const server = createServer((req, res) => {
      req.on('data', () => {});
      req.on('end', () => {
        res.writeHead(200, headers);
        res.end(body);
      });
    });
    server.keepAliveTimeout = 65_000;
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = server.address().port;
  }
  process.on('message', () => process.send(process.cpuUsage()));
  process.send(port);
}

/** In memory, or (BENCH_STORAGE=disk) on a temporary data dir removed when the server is stopped. */
function storage() {
  if (process.env.BENCH_STORAGE !== 'disk') return { inMemory: true };
  const dataDir = mkdtempSync(join(tmpdir(), 'strongroom-bench-'));
  process.once('SIGTERM', () => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
  return { dataDir };
}

function startServer(kind, bodySize = 0) {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', kind, String(bodySize)]);
  // events.once rejects on 'error' and leaves no listener behind.
  const next = () => once(child, 'message').then(([message]) => message);
  return next().then((port) => ({
    port,
    /** CPU microseconds (user + system) the server has used so far. */
    cpu: () => {
      const answer = next();
      child.send('cpu');
      return answer.then(({ user, system }) => user + system);
    },
    stop: () => child.kill(),
  }));
}

// ---- load generator ----

/** The headers of an AWS JSON request, signed in form (Strongroom does not verify signatures by default). */
function awsHeaders(target) {
  const service = target.startsWith('secretsmanager.') ? 'secretsmanager' : 'kms';
  return {
    'Content-Type': 'application/x-amz-json-1.1',
    'X-Amz-Target': target,
    'X-Amz-Date': '20260101T000000Z',
    Authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/${service}/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'0'.repeat(64)}`,
  };
}

function requestBytes(port, { target, body }) {
  const json = JSON.stringify(body);
  const headers = Object.entries(awsHeaders(target)).map(([name, value]) => `${name}: ${value}\r\n`);
  return Buffer.from(`POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${headers.join('')}Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`);
}

/** One AWS call through fetch, for setups and for sizing the bare server's body. */
function caller(port) {
  return async (target, body) => {
    const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: awsHeaders(target), body: JSON.stringify(body) });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${target} answered ${res.status}: ${text}`);
    return { json: JSON.parse(text), size: Buffer.byteLength(text) };
  };
}

/** Runs `connections` keep-alive sockets for `seconds`, each sending its next request as soon as the last is answered. */
function load(port, build, seconds, connections) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    let errors = 0;
    let open = connections;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    for (let i = 0; i < connections; i++) {
      const socket = connect(port, '127.0.0.1');
      socket.setNoDelay(true);
      let buffer = Buffer.alloc(0);
      let sentAt = 0;
      const sendNext = () => {
        sentAt = performance.now();
        socket.write(build());
      };
      socket.on('connect', sendNext);
      socket.on('data', (chunk) => {
        buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString('latin1');
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (buffer.length < end + 4 + length) return;
        buffer = buffer.subarray(end + 4 + length);
        const now = performance.now();
        latencies.push(now - sentAt);
        if (!head.startsWith('HTTP/1.1 200')) errors++;
        if (now < deadline) sendNext();
        else socket.end();
      });
      socket.on('error', reject);
      socket.on('close', () => {
        if (--open === 0) resolve({ latencies, errors, seconds: (performance.now() - started) / 1000 });
      });
    }
  });
}

function summarize(runs, cpuMicros) {
  const latencies = runs.flatMap((r) => r.latencies);
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  const sorted = Float64Array.from(latencies).sort();
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    rps: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    cpuPerRequest: cpuMicros / latencies.length,
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
}

async function main() {
  const chosen = scenarios.filter((s) => !ONLY || ONLY.some((text) => s.name.includes(text)));
  const rows = [];
  for (const scenario of chosen) {
    const strongroom = await startServer('strongroom');
    const call = caller(strongroom.port);
    const state = scenario.setup ? await scenario.setup(call) : undefined;
    const sample = scenario.request(state);
    const { size } = await call(sample.target, sample.body);
    const bare = await startServer('bare', size);
    // The baseline gets a setup of its own: the keys it creates have ids of their own.
    const baseline = BASELINE ? await startServer('baseline') : undefined;
    const baselineState = baseline && scenario.setup ? await scenario.setup(caller(baseline.port)) : undefined;
    const sides = [
      [strongroom, state],
      [bare, state],
      ...(baseline ? [[baseline, baselineState]] : []),
    ];
    const servers = sides.map(([server, own]) => ({ server, build: () => requestBytes(server.port, scenario.request(own)), runs: [], cpu: 0 }));
    for (const { server, build } of servers) await load(server.port, build, WARMUP_SECONDS, CONNECTIONS);
    // Alternating one-second slices, so a change in background load hits both sides alike.
    for (let round = 0; round < SECONDS; round++) {
      // Each round starts with a different side: the side that always went first measured a few
      // percent slower than the same build measured second.
      for (const side of [...servers.slice(round % servers.length), ...servers.slice(0, round % servers.length)]) {
        const before = await side.server.cpu();
        side.runs.push(await load(side.server.port, side.build, 1, CONNECTIONS));
        side.cpu += (await side.server.cpu()) - before;
      }
    }
    for (const { server } of servers) server.stop();
    const [aws, ceiling, before] = servers.map((side) => summarize(side.runs, side.cpu));
    rows.push({ scenario: scenario.name, size, aws, ceiling, before });
  }

  const f = (n, digits = 0) => n.toFixed(digits);
  const side = (r) => `${f(r.rps)} | ${f(r.p50, 2)} | ${f(r.p99, 2)} | ${f(r.cpuPerRequest)}`;
  const ratios = (r, ceiling) => `${f((100 * r.rps) / ceiling.rps)}% | ${f((100 * ceiling.cpuPerRequest) / r.cpuPerRequest)}%`;
  console.log(`\n${machineLine()}`);
  const where = process.env.BENCH_STORAGE === 'disk' ? 'on disk' : 'in memory';
  console.log(`${CONNECTIONS} connections; ${SECONDS} s per server after ${WARMUP_SECONDS} s warm-up, in alternating 1 s slices; Strongroom ${where}\n`);
  console.log('| scenario | body | Strongroom req/s | p50 ms | p99 ms | CPU µs/req | bare req/s | p50 ms | p99 ms | CPU µs/req | ratio req/s | ratio CPU |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const { scenario, size, aws, ceiling } of rows) {
    console.log(`| ${scenario} | ${size} B | ${side(aws)} | ${side(ceiling)} | ${ratios(aws, ceiling)} |`);
    if (aws.errors || ceiling.errors) console.log(`  non-200 answers: Strongroom ${aws.errors}, bare ${ceiling.errors}`);
  }
  if (BASELINE) {
    console.log(`\nThe baseline (${BASELINE}${BASELINE_OPTIONS ? ` with ${BASELINE_OPTIONS}` : ''}) in the same slices:\n`);
    console.log('| scenario | baseline req/s | p50 ms | p99 ms | CPU µs/req | ratio req/s | ratio CPU | this build / baseline, req/s |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const { scenario, aws, ceiling, before } of rows) {
      console.log(`| ${scenario} | ${side(before)} | ${ratios(before, ceiling)} | ${f((100 * aws.rps) / before.rps)}% |`);
      if (before.errors) console.log(`  non-200 answers: baseline ${before.errors}`);
    }
  }
  console.log('\nratio req/s: Strongroom throughput / bare throughput. ratio CPU: bare CPU per request / Strongroom CPU per request,');
  console.log('the throughput ratio to expect when the server is CPU-bound; it holds up better than req/s on a busy machine.');
}

if (process.argv[2] === '--serve') {
  serve(process.argv[3], Number(process.argv[4]));
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
