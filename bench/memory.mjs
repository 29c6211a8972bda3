// Idle memory of a server holding 10,000 secrets. The server is a child process (see
// child-server.mjs) started with --expose-gc, on a temporary data dir on disk (the default
// storage mode). Its RSS and V8 heap are read after a full GC at three points: empty; after
// creating the secrets through the API (a 1 KiB SecretString each) and letting it idle; after
// reading every secret twice (GetSecretValue: the first read of a day writes LastAccessedDate,
// the second finds every cache warm) and letting it idle again. Idle means long enough for V8
// to give back the young generation it grew under load (about 30 s; after 5 s the heap is
// still two or three times its size). `npm run bench:memory` builds first.
//
// Environment: MEMORY_SECRETS (default 10000), MEMORY_IDLE_SECONDS (default 30),
// MEMORY_MODES (default disk; disk,memory adds the in-memory store).
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { forEach, machineLine, rowsPerStorage } from './child-server.mjs';

const SECRETS = Number(process.env.MEMORY_SECRETS ?? 10_000);
const IDLE_SECONDS = Number(process.env.MEMORY_IDLE_SECONDS ?? 30);
const MODES = (process.env.MEMORY_MODES ?? 'disk').split(',');
const CONCURRENCY = 64;
const VALUE_1KIB = JSON.stringify({ username: 'app', password: 'x'.repeat(1024 - 32) });
const nameOf = (i) => `bench/app-${String(i).padStart(6, '0')}`;
const MB = 2 ** 20;

/** The rows of one storage mode. */
async function run(mode, { server, call }) {
  const rows = [];
  const sample = async (stage) => {
    await sleep(IDLE_SECONDS * 1000);
    const memory = await server.memory();
    if (!memory.gc) throw new Error('the server child has no gc(): --expose-gc did not reach it');
    rows.push({ mode, stage, ...memory });
    console.error(`${mode} ${stage}: RSS ${(memory.rss / MB).toFixed(1)} MB, heap used ${(memory.heapUsed / MB).toFixed(1)} MB`);
  };
  await sample('empty, after start');
  await forEach(0, SECRETS, CONCURRENCY, (i) =>
    call('secretsmanager.CreateSecret', { Name: nameOf(i), ClientRequestToken: randomUUID(), SecretString: VALUE_1KIB }),
  );
  await sample(`${SECRETS.toLocaleString('en')} secrets created, idle`);
  for (let pass = 0; pass < 2; pass++) await forEach(0, SECRETS, CONCURRENCY, (i) => call('secretsmanager.GetSecretValue', { SecretId: nameOf(i) }));
  await sample('each read twice, idle');
  return rows;
}

async function main() {
  const rows = await rowsPerStorage(MODES, { sockets: CONCURRENCY, execArgv: ['--expose-gc'] }, run);
  const f = (n, digits = 1) => n.toFixed(digits);
  console.log(`\n${machineLine()}`);
  console.log(`Server memory after a full GC, ${IDLE_SECONDS} s idle at each point\n`);
  console.log('| storage | point | RSS MB | of which anonymous | of which files | heap used MB | heap total MB | external MB |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|');
  const opt = (n) => (n === undefined || Number.isNaN(n) ? '?' : f(n / MB));
  for (const r of rows) {
    console.log(`| ${r.mode} | ${r.stage} | ${f(r.rss / MB)} | ${opt(r.rssAnon)} | ${opt(r.rssFile)} | ${f(r.heapUsed / MB)} | ${f(r.heapTotal / MB)} | ${f(r.external / MB)} |`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
