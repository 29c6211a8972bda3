// Memory against the number of (account, region) places clients name: each place gets a secret
// and a listing of secrets and keys, as a test suite that uses one account per test would do.
// The server is a child process (child-server.mjs) with --expose-gc, on a temporary data dir;
// its RSS and V8 heap are read after a full GC, empty and then after every PLACES_STEP places.
// `npm run bench:places` builds first.
//
// Environment: PLACES (default 10000), PLACES_STEP (default 2500).
import { randomUUID } from 'node:crypto';
import { forEach, machineLine, withServer } from './child-server.mjs';

const PLACES = Number(process.env.PLACES ?? 10_000);
const STEP = Number(process.env.PLACES_STEP ?? 2_500);
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
const MB = 2 ** 20;

/** Place i: account 100000000000 + i/4, one of four regions. */
const scopeOf = (i) => ({ accessKeyId: String(100_000_000_000 + Math.floor(i / REGIONS.length)), region: REGIONS[i % REGIONS.length] });

async function main() {
  const rows = [];
  await withServer('disk', { sockets: 16, execArgv: ['--expose-gc'] }, async ({ server, call }) => {
    const sample = async (places) => {
      const { rss, heapUsed } = await server.memory();
      rows.push({ places, rss, heapUsed });
      console.error(`${places} places: RSS ${(rss / MB).toFixed(1)} MB, heap used ${(heapUsed / MB).toFixed(1)} MB`);
    };
    await sample(0);
    for (let from = 0; from < PLACES; from += STEP) {
      await forEach(from, Math.min(PLACES, from + STEP), 16, async (i) => {
        const scope = scopeOf(i);
        await call('secretsmanager.CreateSecret', { Name: 'app', ClientRequestToken: randomUUID(), SecretString: 'x' }, scope);
        await call('secretsmanager.ListSecrets', {}, scope);
        await call('TrentService.ListKeys', {}, scope);
      });
      await sample(Math.min(PLACES, from + STEP));
    }
  });
  console.log(`\n${machineLine({ memory: false })}`);
  console.log('| places (account, region) | RSS MB | heap used MB |\n|---|---|---|');
  for (const r of rows) console.log(`| ${r.places.toLocaleString('en')} | ${(r.rss / MB).toFixed(1)} | ${(r.heapUsed / MB).toFixed(1)} |`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
