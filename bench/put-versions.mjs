// PutSecretValue latency on one secret against the number of versions it already has. AWS never
// removes a deprecated version younger than 24 hours, so a fast writer piles up thousands of
// them; a write must cost the same at 0, 1,000 or 4,000. One server (a child process, see
// child-server.mjs) grows one secret to each size through PutSecretValue (a fresh
// ClientRequestToken per write, all within the same emulated day, so none is pruned), then times
// PUT_REPEAT more writes, one at a time on one keep-alive connection, after 200 warm-up writes
// on another secret (so the first row does not pay for the JIT). Both storage modes: in memory
// and on a temporary data dir on disk. `npm run bench:versions` builds first.
//
// Environment: PUT_SIZES (default 0,1000,4000), PUT_MODES (default memory,disk),
// PUT_REPEAT (writes measured per size, default 200),
// BENCH_SERVER_OPTIONS (createStrongroom options as JSON, e.g. {"auth":"enforce"}).
import { randomUUID } from 'node:crypto';
import { machineLine, rowsPerStorage, serverOptions } from './child-server.mjs';

const SIZES = (process.env.PUT_SIZES ?? '0,1000,4000').split(',').map(Number);
const MODES = (process.env.PUT_MODES ?? 'memory,disk').split(',');
const REPEAT = Number(process.env.PUT_REPEAT ?? 200);
const WARMUP = 200;
const NAME = 'bench/versions';
const VALUE = JSON.stringify({ username: 'app', password: 'p'.repeat(48) });

const put = (call, name = NAME) => call('secretsmanager.PutSecretValue', { SecretId: name, ClientRequestToken: randomUUID(), SecretString: VALUE });

/** Latency (ms) and server CPU (ms) of `REPEAT` writes, one at a time. */
async function measure(server, call) {
  const latencies = [];
  const cpuBefore = await server.cpu();
  for (let i = 0; i < REPEAT; i++) {
    const started = performance.now();
    await put(call);
    latencies.push(performance.now() - started);
  }
  const cpu = ((await server.cpu()) - cpuBefore) / 1000 / REPEAT;
  latencies.sort((a, b) => a - b);
  return { p50: latencies[Math.floor(REPEAT * 0.5)], p90: latencies[Math.floor(REPEAT * 0.9)], cpu };
}

/** The rows of one storage mode. */
async function run(mode, { server, call }) {
  const rows = [];
  // Warm-up on a secret of its own, so the measured one starts with no version at all.
  await call('secretsmanager.CreateSecret', { Name: `${NAME}-warmup`, ClientRequestToken: randomUUID() });
  for (let i = 0; i < WARMUP; i++) await put(call, `${NAME}-warmup`);
  await call('secretsmanager.CreateSecret', { Name: NAME, ClientRequestToken: randomUUID() });
  let versions = 0;
  for (const size of SIZES) {
    // One write after another, as on AWS (one lock per secret).
    for (; versions < size; versions++) await put(call);
    const result = await measure(server, call);
    rows.push({ mode, versions, ...result });
    console.error(`${mode} ${versions}: p50 ${result.p50.toFixed(2)} ms`);
    versions += REPEAT;
  }
  return rows;
}

async function main() {
  const rows = await rowsPerStorage(MODES, { ...serverOptions(), sockets: 1 }, run);
  const f = (n, digits = 2) => n.toFixed(digits);
  console.log(`\n${machineLine()}  server options ${JSON.stringify(serverOptions())}`);
  console.log(`PutSecretValue on one secret, one request at a time; ${REPEAT} writes per row (fresh ClientRequestToken each), all within 24 h\n`);
  console.log('| storage | versions before | p50 ms | p90 ms | server CPU ms/write |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.mode} | ${r.versions.toLocaleString('en')} | ${f(r.p50)} | ${f(r.p90)} | ${f(r.cpu)} |`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
