// Every row of issue 15's table in one run (about 6 minutes on 2 cores), each benchmark in a
// process of its own, its tables printed as it ends:
//   - bench/run.mjs on the issue's scenarios, `open` (trail off) and `enforce` (trail on) beside
//     the bare ceiling: GetSecretValue, DescribeSecret, ListSecrets among 1,000 and 10,000,
//     PutSecretValue on one secret, KMS Encrypt / Decrypt / GenerateDataKey;
//   - bench/cold-start.mjs: spawn → first 2xx, beside bare node;
//   - bench/footprint.mjs: idle RSS with 1,000 and 10,000 secrets, beside bare node;
//   - bench/put-versions.mjs in each mode: PutSecretValue against the number of versions;
//   - bench/list-scaling.mjs (open, in memory): a page of 100 at 1,000 … 100,000 secrets.
// The variables of each script pass through (BENCH_SECONDS, BENCH_DIST …). `npm run bench:all`
// builds first.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const ISSUE_ROWS = [
  'SM GetSecretValue',
  'SM DescribeSecret',
  // (no commas inside: BENCH_ONLY is comma-separated)
  'SM ListSecrets (page of 100 among',
  'SM ListSecrets (first page',
  'SM PutSecretValue (one secret',
  'KMS Encrypt',
  'KMS Decrypt',
  'KMS GenerateDataKey',
].join(',');
const OPEN = JSON.stringify({ auth: 'open', auditTrail: false });
const ENFORCE = JSON.stringify({ auth: 'enforce', auditTrail: true });

const steps = [
  ['run.mjs', { BENCH_ONLY: process.env.BENCH_ONLY ?? ISSUE_ROWS }],
  ['cold-start.mjs', {}],
  ['footprint.mjs', { FOOTPRINT_IDLE_SECONDS: process.env.FOOTPRINT_IDLE_SECONDS ?? '15' }],
  ['put-versions.mjs', { PUT_MODES: 'memory', BENCH_SERVER_OPTIONS: OPEN }],
  ['put-versions.mjs', { PUT_MODES: 'memory', BENCH_SERVER_OPTIONS: ENFORCE }],
  ['list-scaling.mjs', { LIST_MODES: 'memory', LIST_REPEAT: process.env.LIST_REPEAT ?? '50', BENCH_SERVER_OPTIONS: OPEN }],
];

const started = performance.now();
for (const [script, env] of steps) {
  console.log(`\n## ${script} ${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  const child = spawn(process.execPath, [fileURLToPath(new URL(script, import.meta.url))], { stdio: 'inherit', env: { ...process.env, ...env } });
  const [code] = await once(child, 'exit');
  if (code !== 0) {
    console.error(`${script} failed (${code})`);
    process.exit(1);
  }
}
console.log(`\nbench:all took ${((performance.now() - started) / 60_000).toFixed(1)} min`);
