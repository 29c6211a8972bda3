// Load benchmark: Strongroom's AWS path, in each access-control mode side by side, against the
// ceiling of a bare node:http server that answers a fixed body of the same size. Each server
// runs in a child process of its own (Strongroom through createStrongroom from dist/, in memory,
// log level warn), pinned to one core where taskset allows (the load generator on the other
// cores), so its CPU time can be read apart; the load generator runs here on raw keep-alive
// sockets, one request in flight per connection. Every request is signed for real
// (bench/sigv4.mjs, key `test`/`test`); signing is done here, ahead of each measured slice (see
// RequestPool), so the servers never pay for it and the generator's own CPU stays low (printed).
// `npm run bench` builds first.
//
// The modes (BENCH_MODES, default `open,enforce`) are the issue's comparison: `open` is
// `{ auth: 'open', auditTrail: false }`, `enforce` is `{ auth: 'enforce', auditTrail: true }`
// (also `verify`: signatures checked, no policies, no trail; `audit`: policies evaluated, trail
// on). `enforce` needs no seed: the default key `test` is the root of the default account, so
// every call is allowed, but the signature is verified, the targets built, key policies parsed
// and the evaluator run on every call.
//
// Beside a mode that verifies signatures, a second ceiling runs: `bare+sigv4`, the bare server
// that first runs Strongroom's identity step on each request (the SigV4 verification every
// verifying mode pays), so what the rest of a call costs can be read apart.
//
// To add an operation, add a scenario (here, or in a file of bench/scenarios/ spread into the
// list below): `request(state)` returns the target and the JSON body of one call (`unique: true`
// when no two requests may be alike, as writes with a fresh ClientRequestToken); the optional
// `setup(call)` runs once per server before the load (create a key, say) and returns the
// `state` handed to `request`. `call(target, body)` makes one signed AWS request and resolves
// to `{ json, size }`.
//
// Environment: BENCH_SECONDS (per server and scenario, default 5), BENCH_CONNECTIONS (default 50),
// BENCH_MODES (see above), BENCH_ONLY (run the scenarios whose name contains one of these
// comma-separated texts), BENCH_BASELINE (the dist/ folder of another build, say of an earlier
// commit, to run beside this one in the same slices, with BENCH_BASELINE_OPTIONS as its
// createStrongroom options, as JSON; with the options alone the baseline is this build:
//   git worktree add /tmp/base <commit> && (cd /tmp/base && npm ci && npm run build)
//   BENCH_BASELINE=/tmp/base/dist npm run bench),
// BENCH_DIST (the dist/ the mode sides come from, default this checkout's),
// BENCH_STORAGE (`memory`, the default, or `disk`: each Strongroom on a temporary data dir),
// BENCH_PIN=0 (pin nothing), BENCH_PROFILE (a folder: CPU-profile the BENCH_PROFILE_MODES sides,
// default `enforce`, over the measured slices; summarize with bench/profile-summary.mjs),
// BENCH_JSON (a file to write the rows to, as JSON).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Session } from 'node:inspector/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { caller, distUrl, machineLine, nextMessage, pin, PINNING } from './child-server.mjs';
import { kmsScenarios } from './scenarios/kms.mjs';
import { secretsManagerScenarios } from './scenarios/secretsmanager.mjs';
import { signedRequestBytes } from './sigv4.mjs';

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

const MODE_OPTIONS = {
  open: { auth: 'open', auditTrail: false },
  verify: { auth: 'verify', auditTrail: false },
  audit: { auth: 'audit', auditTrail: true },
  enforce: { auth: 'enforce', auditTrail: true },
};
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WARMUP_SECONDS = 1;
const MODES = (process.env.BENCH_MODES ?? 'open,enforce').split(',').map((mode) => mode.trim());
const BASELINE_OPTIONS = process.env.BENCH_BASELINE_OPTIONS;
const BASELINE = process.env.BENCH_BASELINE ?? (BASELINE_OPTIONS && 'this build');
/** The second ceiling, beside a mode that verifies signatures: bare node:http plus Strongroom's SigV4 verification. */
const SIGNED = 'bare+sigv4';
const SIGNED_CEILING = MODES.some((mode) => mode !== 'open');
const ONLY = process.env.BENCH_ONLY?.split(',').map((text) => text.trim());
const PROFILE_DIR = process.env.BENCH_PROFILE && resolve(process.env.BENCH_PROFILE);
const PROFILE_MODES = (process.env.BENCH_PROFILE_MODES ?? 'enforce').split(',');
/** Distinct signed requests per slice for scenarios whose requests may repeat. */
const POOL_SIZE = 1000;
for (const mode of MODES) if (!MODE_OPTIONS[mode]) throw new Error(`BENCH_MODES: unknown mode '${mode}' (${Object.keys(MODE_OPTIONS).join(', ')})`);

// ---- servers (child processes, so each one's CPU time can be read on its own) ----

async function serve({ kind, dist, options, bodySize }) {
  let port;
  if (kind === 'strongroom') {
    const { createStrongroom } = await import(new URL('index.js', dist).href);
    port = (await createStrongroom({ port: 0, ...storage(), logLevel: 'warn', ...options })).port;
  } else {
    // The ceiling: no routing, no parsing, the same headers and a body of the same size. The
    // `signed` kind reads the body and runs Strongroom's identity step on each request first
    // (SigV4 verified with key `test`), and writes the answers of a turn of the event loop
    // together at its end, as Strongroom's outbox does (src/http/respond.ts): the best a server
    // that verifies signatures does here, the floor of every mode that verifies them.
    const body = Buffer.from(`{"Plaintext":"${'A'.repeat(Math.max(0, bodySize - 15))}"}`);
    const headers = ['Content-Type', 'application/x-amz-json-1.1', 'Content-Length', String(body.length), 'x-amzn-RequestId', '00000000-0000-4000-8000-000000000000'];
    const answer = (res) => res.writeHead(200, headers).end(body);
    const verify = kind === 'signed' ? await signatureVerifier(dist) : undefined;
    let outbox = [];
    const server = createServer((req, res) => {
      const chunks = [];
      req.on('data', (chunk) => verify && chunks.push(chunk));
      req.on('end', () => {
        if (!verify) return answer(res);
        if (!verify(req, Buffer.concat(chunks))) return res.writeHead(403).end();
        if (outbox.push(res) > 1) return;
        setImmediate(() => {
          const answered = outbox;
          outbox = [];
          answered.forEach(answer);
        });
      });
    });
    server.keepAliveTimeout = 65_000;
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = server.address().port;
  }
  // The sampling profiler of this process, on demand: over the measured slices only, not the setup.
  let session;
  process.on('message', async (message) => {
    if (message === 'cpu') {
      process.send(process.cpuUsage());
    } else if (message.type === 'profile-start') {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 250 });
      await session.post('Profiler.start');
      process.send('profiling');
    } else if (message.type === 'profile-stop') {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(message.file, JSON.stringify(profile));
      process.send('profiled');
    }
  });
  process.send(port);
}

/** `(req, body) => verified`, by Strongroom's identity step in `enforce` mode with a directory that knows only key `test`. */
async function signatureVerifier(dist) {
  const { identityStep } = await import(new URL('pipeline/steps/identity.js', dist).href);
  const owner = { secretAccessKey: 'test', principal: { arn: 'arn:aws:iam::000000000000:root' } };
  const auth = { mode: 'enforce', directory: { owner: (accessKeyId) => (accessKeyId === 'test' ? owner : undefined) } };
  const defaults = { accountId: '000000000000', region: 'us-east-1' };
  return (req, body) => {
    const [path, query] = req.url.split('?');
    const signingName = req.headers['x-amz-target']?.startsWith('TrentService.') ? 'kms' : 'secretsmanager';
    try {
      identityStep({ kind: 'sigv4', method: req.method, path, headers: req.headers, query, body }, signingName, defaults, auth, new Date());
      return true;
    } catch {
      return false;
    }
  };
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

async function startServer(spec) {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', JSON.stringify(spec)]);
  const ask = (message) => {
    const answer = nextMessage(child);
    child.send(message);
    return answer;
  };
  const port = await nextMessage(child);
  pin(child.pid, PINNING?.server);
  return {
    port,
    /** CPU microseconds (user + system) the server has used so far. */
    cpu: () => ask('cpu').then(({ user, system }) => user + system),
    profileStart: () => ask({ type: 'profile-start' }),
    profileStop: (file) => ask({ type: 'profile-stop', file }),
    stop: () => child.kill(),
  };
}

// ---- load generator ----

/**
 * The signed requests of one side for the next slice, signed before the slice starts (a fresh
 * X-Amz-Date each time, well inside AWS's 5 minutes). Requests that may repeat come from a pool
 * of POOL_SIZE drawn by `request`, handed out in turn; `unique` scenarios get one request per
 * send (about 1.5 × the last slice's count, signed ahead), and sign on the spot when they run out.
 */
class RequestPool {
  constructor(port, request, unique) {
    Object.assign(this, { port, request, unique, items: [], index: 0, signed: 0, signingMs: 0, onTheSpot: 0 });
  }

  async refill(lastCount) {
    const count = this.unique ? Math.ceil(lastCount * 1.5) + 200 : POOL_SIZE;
    const started = performance.now();
    this.items = await Promise.all(Array.from({ length: count }, () => signedRequestBytes(this.port, this.request())));
    this.signingMs += performance.now() - started;
    this.signed += count;
    this.index = 0;
  }

  /** The next request's bytes, or a promise of them (a unique scenario's pool ran out). */
  next() {
    if (!this.unique) return this.items[this.index++ % this.items.length];
    if (this.index < this.items.length) return this.items[this.index++];
    this.onTheSpot++;
    return signedRequestBytes(this.port, this.request());
  }
}

/** Runs `connections` keep-alive sockets for `seconds`, each sending its next request as soon as the last is answered. */
function load(port, pool, seconds, connections) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    let errors = 0;
    let firstError;
    let open = connections;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    for (let i = 0; i < connections; i++) {
      const socket = connect(port, '127.0.0.1');
      socket.setNoDelay(true);
      let buffer = Buffer.alloc(0);
      let sentAt = 0;
      const write = (bytes) => {
        sentAt = performance.now();
        socket.write(bytes);
      };
      const sendNext = () => {
        const bytes = pool.next();
        if (Buffer.isBuffer(bytes)) write(bytes);
        else bytes.then(write, reject);
      };
      socket.on('connect', sendNext);
      socket.on('data', (chunk) => {
        buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString('latin1');
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (buffer.length < end + 4 + length) return;
        const answer = buffer.subarray(0, end + 4 + length);
        buffer = buffer.subarray(end + 4 + length);
        const now = performance.now();
        latencies.push(now - sentAt);
        if (!head.startsWith('HTTP/1.1 200')) {
          errors++;
          firstError ??= answer.toString('utf8').slice(0, 600);
        }
        if (now < deadline) sendNext();
        else socket.end();
      });
      socket.on('error', reject);
      socket.on('close', () => {
        if (--open === 0) resolve({ latencies, errors, firstError, seconds: (performance.now() - started) / 1000 });
      });
    }
  });
}

function summarize(side) {
  const { runs } = side;
  const latencies = runs.flatMap((r) => r.latencies);
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  const sorted = Float64Array.from(latencies).sort();
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    side: side.label,
    rps: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    cpuPerRequest: side.cpu / latencies.length,
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    firstError: runs.find((r) => r.firstError)?.firstError,
    // The load generator's CPU over the measured slices, as a share of their wall time: near
    // 100% it, not the server, would be the bottleneck.
    generatorBusy: side.generatorCpu / 1000 / (seconds * 1000),
    signingMicros: (1000 * side.pool.signingMs) / side.pool.signed,
    signedOnTheSpot: side.pool.onTheSpot,
  };
}

const slug = (text) => text.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** The sides of one scenario: a Strongroom per mode (with the state its setup made), the bare ceiling, the baseline. */
async function startSides(scenario) {
  const sides = [];
  for (const mode of MODES) sides.push({ label: mode, server: await startServer({ kind: 'strongroom', dist: distUrl(), options: MODE_OPTIONS[mode] }) });
  if (BASELINE) {
    const dist = process.env.BENCH_BASELINE ? pathToFileURL(`${resolve(process.env.BENCH_BASELINE)}/`).href : distUrl();
    const options = BASELINE_OPTIONS ? JSON.parse(BASELINE_OPTIONS) : {};
    sides.push({ label: 'baseline', server: await startServer({ kind: 'strongroom', dist, options }) });
  }
  let size;
  for (const side of sides) {
    const call = caller(side.server.port);
    const wrapped = async (target, body) => {
      const json = await call(target, body);
      return { json, size: Buffer.byteLength(JSON.stringify(json)) };
    };
    // Each server gets a setup of its own: the keys it creates have ids of their own.
    side.state = scenario.setup ? await scenario.setup(wrapped) : undefined;
    const sample = scenario.request(side.state);
    size ??= (await wrapped(sample.target, sample.body)).size;
    call.close();
  }
  // The bare server answers the first mode's requests (it reads none of them).
  const bare = { label: 'bare', server: await startServer({ kind: 'bare', bodySize: size }), state: sides[0].state };
  const ceilings = [bare];
  if (SIGNED_CEILING) ceilings.push({ label: SIGNED, server: await startServer({ kind: 'signed', dist: distUrl(), bodySize: size }), state: sides[0].state });
  sides.splice(MODES.length, 0, ...ceilings);
  for (const side of sides) {
    // The ceilings act on no request, so their requests may repeat: a unique pool would only
    // make this process sign 25,000 requests a second for them.
    side.pool = new RequestPool(side.server.port, () => scenario.request(side.state), Boolean(scenario.unique) && !ceilings.includes(side));
    Object.assign(side, { runs: [], cpu: 0, generatorCpu: 0, lastCount: 2000 });
  }
  return { sides, size };
}

async function slice(side, seconds) {
  await side.pool.refill(side.lastCount);
  const before = await side.server.cpu();
  const generatorBefore = process.cpuUsage();
  const run = await load(side.server.port, side.pool, seconds, CONNECTIONS);
  const generator = process.cpuUsage(generatorBefore);
  side.lastCount = run.latencies.length;
  return { run, cpu: (await side.server.cpu()) - before, generatorCpu: generator.user + generator.system };
}

async function main() {
  const pinnedGenerator = pin(process.pid, PINNING?.client);
  const chosen = scenarios.filter((s) => !ONLY || ONLY.some((text) => s.name.includes(text)));
  if (chosen.length === 0) throw new Error(`BENCH_ONLY matches no scenario: ${ONLY}`);
  if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
  const rows = [];
  for (const scenario of chosen) {
    const { sides, size } = await startSides(scenario);
    for (const side of sides) await slice(side, WARMUP_SECONDS);
    const profiled = PROFILE_DIR ? sides.filter((side) => PROFILE_MODES.includes(side.label)) : [];
    for (const side of profiled) await side.server.profileStart();
    // Alternating one-second slices, so a change in background load hits every side alike.
    for (let round = 0; round < SECONDS; round++) {
      // Each round starts with a different side: the side that always went first measured a few
      // percent slower than the same build measured second.
      for (const side of [...sides.slice(round % sides.length), ...sides.slice(0, round % sides.length)]) {
        const { run, cpu, generatorCpu } = await slice(side, 1);
        side.runs.push(run);
        side.cpu += cpu;
        side.generatorCpu += generatorCpu;
      }
    }
    for (const side of profiled) {
      const file = join(PROFILE_DIR, `${slug(scenario.name)}.${side.label}.cpuprofile`);
      await side.server.profileStop(file);
      console.error(`profile: ${file}`);
    }
    for (const { server } of sides) server.stop();
    const results = sides.map(summarize);
    rows.push({ scenario: scenario.name, size, results });
    const line = results.map((r) => `${r.side} ${r.rps.toFixed(0)}/s`).join(', ');
    console.error(`${scenario.name}: ${line}`);
  }
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify({ machine: machineLine(), modes: MODES, rows }, null, 2));
  report(rows, pinnedGenerator);
}

function report(rows, pinnedGenerator) {
  const f = (n, digits = 0) => n.toFixed(digits);
  const pct = (n) => `${f(100 * n)}%`;
  console.log(`\n${machineLine()}`);
  const where = process.env.BENCH_STORAGE === 'disk' ? 'on disk' : 'in memory';
  const pinning = PINNING ? `servers pinned to core ${PINNING.server}, load generator to ${PINNING.client}${pinnedGenerator ? '' : ' (failed)'}` : 'nothing pinned';
  console.log(`${CONNECTIONS} connections; ${SECONDS} s per server after ${WARMUP_SECONDS} s warm-up, in alternating 1 s slices; Strongroom ${where}; ${pinning}`);
  console.log(`real SigV4 (key test/test) on every request; modes: ${MODES.map((m) => `${m} = ${JSON.stringify(MODE_OPTIONS[m])}`).join(', ')}\n`);
  console.log('| scenario | body | side | req/s | % of bare | p50 ms | p99 ms | CPU µs/req | bare CPU / CPU | generator busy | non-200 |');
  console.log('|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const { scenario, size, results } of rows) {
    const bare = results.find((r) => r.side === 'bare');
    for (const r of results) {
      console.log(
        `| ${scenario} | ${size} B | ${r.side} | ${f(r.rps)} | ${pct(r.rps / bare.rps)} | ${f(r.p50, 2)} | ${f(r.p99, 2)} | ${f(r.cpuPerRequest)} | ${pct(bare.cpuPerRequest / r.cpuPerRequest)} | ${pct(r.generatorBusy)} | ${r.errors} |`,
      );
    }
  }
  for (const { scenario, results } of rows) {
    for (const r of results.filter((r) => r.errors)) console.log(`\n${scenario}, ${r.side}: ${r.errors} non-200 answers; the first:\n${r.firstError}`);
  }
  const signing = rows.flatMap((row) => row.results).map((r) => r.signingMicros);
  const onTheSpot = rows.flatMap((row) => row.results).reduce((sum, r) => sum + r.signedOnTheSpot, 0);
  console.log(`\nSigning (here, before each slice): ${f(Math.min(...signing))}–${f(Math.max(...signing))} µs a request; ${onTheSpot} requests signed during a slice (a unique pool ran out).`);

  console.log('\nSummary (req/s, % of bare, p99 ms, server CPU µs/req):\n');
  const columns = [...MODES, ...(SIGNED_CEILING ? [SIGNED] : []), ...(BASELINE ? ['baseline'] : [])];
  console.log(`| scenario | bare | ${columns.join(' | ')} |`);
  console.log(`|---|---:|${columns.map(() => '---:').join('|')}|`);
  for (const { scenario, results } of rows) {
    const bare = results.find((r) => r.side === 'bare');
    const cells = results.filter((r) => r !== bare).map((r) => `${f(r.rps)} (${pct(r.rps / bare.rps)}), p99 ${f(r.p99, 1)}, ${f(r.cpuPerRequest)} µs`);
    console.log(`| ${scenario} | ${f(bare.rps)}, p99 ${f(bare.p99, 1)}, ${f(bare.cpuPerRequest)} µs | ${cells.join(' | ')} |`);
  }
  console.log('\n% of bare: throughput / the bare server\'s. bare CPU / CPU: the throughput ratio to expect when the server is CPU-bound;');
  console.log('it holds up better than req/s on a busy machine. generator busy: this process\'s CPU over the slices / their wall time.');
}

if (process.argv[2] === '--serve') {
  serve(JSON.parse(process.argv[3]));
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
