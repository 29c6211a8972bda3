// ListSecrets page time against the number of secrets: one server (a child process, see
// child-server.mjs) grows to 1,000, then 10,000, then 100,000 secrets, created through the API
// with many calls in flight (so the store holds exactly what CreateSecret writes), and at each
// size the time of a page of 100 is measured for
//   - the first page (default order, created-date ascending),
//   - a page from the middle, through a NextToken taken halfway down the listing,
//   - the first page with a name-prefix filter that matches one secret in ten,
// one request at a time on one keep-alive connection. A page is a range scan of an index, so its
// time should not depend on how many secrets there are. Both storage modes: in memory and on a
// temporary data dir on disk. `npm run bench:list` builds first.
//
// Environment: LIST_SIZES (default 1000,10000,100000), LIST_MODES (default memory,disk),
// LIST_REPEAT (requests measured per query, default 100),
// BENCH_SERVER_OPTIONS (createStrongroom options as JSON, e.g. {"auth":"enforce"}).
import { randomUUID } from 'node:crypto';
import { forEach, machineLine, rowsPerStorage, serverOptions } from './child-server.mjs';

const SIZES = (process.env.LIST_SIZES ?? '1000,10000,100000').split(',').map(Number);
const MODES = (process.env.LIST_MODES ?? 'memory,disk').split(',');
const REPEAT = Number(process.env.LIST_REPEAT ?? 100);
const WARMUP = 30;
const CREATE_CONCURRENCY = 64;
const GROUPS = 10;

/** Ten teams, the secrets dealt out among them in turn: `team-3/` picks one in ten. */
const nameOf = (i) => `scale/team-${i % GROUPS}/app-${String(i).padStart(7, '0')}`;
const PREFIX = 'scale/team-3/';
const VALUE = JSON.stringify({ username: 'app', password: 'p'.repeat(48) });

/** The NextToken of the page that starts halfway down the listing. */
async function middleToken(call, count) {
  let token;
  for (let page = 0; page < Math.floor(count / 200); page++) {
    token = (await call('secretsmanager.ListSecrets', { MaxResults: 100, NextToken: token })).NextToken;
  }
  return token;
}

/** Latency (ms) and server CPU (ms) of `REPEAT` calls, one at a time. */
async function measure(server, call, body) {
  let returned = 0;
  for (let i = 0; i < WARMUP; i++) returned = (await call('secretsmanager.ListSecrets', body)).SecretList.length;
  const latencies = [];
  const cpuBefore = await server.cpu();
  for (let i = 0; i < REPEAT; i++) {
    const started = performance.now();
    await call('secretsmanager.ListSecrets', body);
    latencies.push(performance.now() - started);
  }
  const cpu = ((await server.cpu()) - cpuBefore) / 1000 / REPEAT;
  latencies.sort((a, b) => a - b);
  return { returned, p50: latencies[Math.floor(REPEAT * 0.5)], p90: latencies[Math.floor(REPEAT * 0.9)], cpu };
}

/** The rows of one storage mode. */
async function run(mode, { server, call }) {
  const rows = [];
  let count = 0;
  for (const size of SIZES) {
    const started = performance.now();
    await forEach(count, size, CREATE_CONCURRENCY, (i) =>
      call('secretsmanager.CreateSecret', { Name: nameOf(i), ClientRequestToken: randomUUID(), SecretString: VALUE }),
    );
    const createSeconds = (performance.now() - started) / 1000;
    const created = size - count;
    count = size;
    const token = await middleToken(call, count);
    const queries = [
      ['first page', { MaxResults: 100 }],
      ['middle page (NextToken)', { MaxResults: 100, NextToken: token }],
      [`name filter '${PREFIX}' (1 in ${GROUPS})`, { MaxResults: 100, Filters: [{ Key: 'name', Values: [PREFIX] }] }],
    ];
    for (const [query, body] of queries) {
      const result = await measure(server, call, body);
      rows.push({ mode, size, query, ...result, createRate: created / createSeconds });
      console.error(`${mode} ${size} ${query}: ${result.p50.toFixed(2)} ms`);
    }
  }
  return rows;
}

async function main() {
  const rows = await rowsPerStorage(MODES, { ...serverOptions(), sockets: CREATE_CONCURRENCY }, run);
  const f = (n, digits = 2) => n.toFixed(digits);
  console.log(`\n${machineLine()}  server options ${JSON.stringify(serverOptions())}`);
  console.log(`ListSecrets, MaxResults 100, one request at a time; ${REPEAT} requests per row after ${WARMUP} warm-up\n`);
  console.log('| storage | secrets | created/s | page | returned | p50 ms | p90 ms | server CPU ms/page |');
  console.log('|---|---:|---:|---|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.mode} | ${r.size.toLocaleString('en')} | ${f(r.createRate, 0)} | ${r.query} | ${r.returned} | ${f(r.p50)} | ${f(r.p90)} | ${f(r.cpu)} |`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
