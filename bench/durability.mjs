// Durability benchmark: what synchronous writes cost on this machine's disk. With syncWrites,
// LevelDB syncs its log to disk (fsync) before a commit is acknowledged, so an acknowledged write
// survives a power loss; without it a write is acknowledged once it has reached the operating
// system, which survives a crash of the process (kill -9) but not of the machine.
//
// Two servers in child processes (bench/child-server.mjs, from dist/), each on a data dir of its
// own under BENCH_DIR (default: the system temp dir; point it at the disk you care about), one
// with syncWrites and one without, take the same writes in alternating one-second slices, so a
// change in background load hits both alike: PutSecretValue (a fresh ClientRequestToken each,
// spread over as many secrets as there are writers, since writes to one secret queue on its
// lock) and CreateKey. Each runs with 1 writer (the latency of one write) and with
// BENCH_WRITERS (default 16) at once (LevelDB syncs a group of concurrent writes together).
//
// Environment: BENCH_SECONDS (per server, scenario and writer count, default 5), BENCH_WRITERS,
// BENCH_DIR. `npm run bench:durability` builds first.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineLine, withServer } from './child-server.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 16);
const WARMUP_SECONDS = 1;
const work = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'strongroom-durability-'));

const scenarios = [
  {
    name: 'SM PutSecretValue',
    async setup(call, writers) {
      for (let i = 0; i < writers; i++) await call('secretsmanager.CreateSecret', { Name: `durability-${i}`, SecretString: 'initial', ClientRequestToken: randomUUID() });
    },
    request: (writer) => [
      'secretsmanager.PutSecretValue',
      { SecretId: `durability-${writer}`, SecretString: randomBytes(24).toString('hex'), ClientRequestToken: randomUUID() },
    ],
  },
  {
    name: 'KMS CreateKey',
    request: () => ['TrentService.CreateKey', {}],
  },
];

/** `writers` loops, each making its next write as soon as the last is answered, for `seconds`. */
async function load(call, scenario, writers, seconds) {
  const latencies = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      while (performance.now() < deadline) {
        const sentAt = performance.now();
        await call(...scenario.request(writer));
        latencies.push(performance.now() - sentAt);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

function summarize(runs) {
  const sorted = Float64Array.from(runs.flatMap((r) => r.latencies)).sort();
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { wps: sorted.length / runs.reduce((sum, r) => sum + r.seconds, 0), p50: at(0.5), p99: at(0.99) };
}

async function measure(scenario, writers) {
  /** `fn(side)` with a server of its own, set up and warmed up. */
  const withSide = (syncWrites, fn) =>
    withServer('disk', { dataDir: join(work, `${scenario.name.replace(/\W+/g, '-')}-${writers}-${syncWrites}`), syncWrites, sockets: writers }, async ({ call }) => {
      await scenario.setup?.(call, writers);
      await load(call, scenario, writers, WARMUP_SECONDS);
      return fn({ syncWrites, call, runs: [] });
    });
  return withSide(false, (plain) =>
    withSide(true, async (synced) => {
      const sides = [plain, synced];
      for (let round = 0; round < SECONDS; round++) for (const side of sides) side.runs.push(await load(side.call, scenario, writers, 1));
      return sides.map((side) => ({ syncWrites: side.syncWrites, ...summarize(side.runs) }));
    }),
  );
}

async function main() {
  const rows = [];
  for (const scenario of scenarios) {
    for (const writers of [1, WRITERS]) rows.push({ scenario: scenario.name, writers, results: await measure(scenario, writers) });
  }
  const f = (n, digits = 0) => n.toFixed(digits);
  console.log(`\n${machineLine({ memory: false })}  data dirs in ${work}`);
  console.log(`${SECONDS} s per server after ${WARMUP_SECONDS} s warm-up, in alternating 1 s slices\n`);
  console.log('| scenario | writers | default writes/s | p50 ms | p99 ms | syncWrites writes/s | p50 ms | p99 ms | sync/default writes/s |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const { scenario, writers, results } of rows) {
    const [plain, synced] = results;
    const side = (r) => `${f(r.wps)} | ${f(r.p50, 2)} | ${f(r.p99, 2)}`;
    console.log(`| ${scenario} | ${writers} | ${side(plain)} | ${side(synced)} | ${f((100 * synced.wps) / plain.wps)}% |`);
  }
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => rmSync(work, { recursive: true, force: true }));
