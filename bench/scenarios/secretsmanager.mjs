// Secrets Manager scenarios for bench/run.mjs, in its scenario shape. Most scenarios run among
// 10,000 secrets with a 1 KiB SecretString each (created once per server in `setup`, through
// the API, with many calls in flight), so reads find their secret in a populated table and
// ListSecrets pages are ranges of a large index, not of an empty one; the names say where
// not. BENCH_SM_SECRETS changes the 10,000.
import { randomUUID } from 'node:crypto';

const SECRETS = Number(process.env.BENCH_SM_SECRETS ?? 10_000);
const CREATE_CONCURRENCY = 64;
/** A 1 KiB SecretString. */
const VALUE_1KIB = JSON.stringify({ username: 'app', password: 'x'.repeat(1024 - 32) });
if (VALUE_1KIB.length !== 1024) throw new Error(`the bench value is ${VALUE_1KIB.length} bytes, not 1024`);

const nameOf = (i) => `bench/app-${String(i).padStart(6, '0')}`;

/** Creates `count` secrets with a 1 KiB value each, `CREATE_CONCURRENCY` calls at a time. */
function createSecrets(call, count = SECRETS, name = nameOf) {
  return forEach(count, (i) => call('secretsmanager.CreateSecret', { Name: name(i), ClientRequestToken: randomUUID(), SecretString: VALUE_1KIB }));
}

/** Runs `fn(i)` for i in [0, count), `CREATE_CONCURRENCY` at a time. */
async function forEach(count, fn) {
  let next = 0;
  const worker = async () => {
    while (next < count) await fn(next++);
  };
  await Promise.all(Array.from({ length: CREATE_CONCURRENCY }, worker));
}

/**
 * 10,000 secrets, each read once: the first read of a day records LastAccessedDate (a write),
 * so reading them all first measures the steady state of a read-mostly workload, not the
 * day's first reads.
 */
const populate = async (call) => {
  await createSecrets(call);
  await forEach(SECRETS, (i) => call('secretsmanager.GetSecretValue', { SecretId: nameOf(i) }));
  return {};
};

/** Each request names a secret drawn at random from the 10,000. */
const anySecret = () => nameOf(Math.floor(Math.random() * SECRETS));

export const secretsManagerScenarios = [
  {
    name: 'SM GetSecretValue (1 KiB, random of 10k)',
    setup: populate,
    request: () => ({ target: 'secretsmanager.GetSecretValue', body: { SecretId: anySecret() } }),
  },
  {
    name: 'SM DescribeSecret (random of 10k)',
    setup: populate,
    request: () => ({ target: 'secretsmanager.DescribeSecret', body: { SecretId: anySecret() } }),
  },
  {
    name: 'SM PutSecretValue (1 KiB, random of 10k)',
    setup: populate,
    unique: true,
    // A new value and a fresh ClientRequestToken per request, to a secret drawn at random (so
    // the 50 connections do not queue on one secret's lock, and no secret piles up versions).
    request: () => {
      const token = randomUUID();
      return { target: 'secretsmanager.PutSecretValue', body: { SecretId: anySecret(), ClientRequestToken: token, SecretString: token + VALUE_1KIB.slice(36) } };
    },
  },
  {
    // The write row: every request a new version of the same secret, so the versions
    // pile up (thousands in a run, all under 24 hours old: none is pruned) and the 50
    // connections queue on the secret's lock, as writers of one secret do on AWS.
    name: 'SM PutSecretValue (one secret, a new version each)',
    setup: async (call) => {
      await call('secretsmanager.CreateSecret', { Name: 'bench/one', ClientRequestToken: randomUUID(), SecretString: VALUE_1KIB });
      return {};
    },
    unique: true,
    request: () => {
      const token = randomUUID();
      return { target: 'secretsmanager.PutSecretValue', body: { SecretId: 'bench/one', ClientRequestToken: token, SecretString: token + VALUE_1KIB.slice(36) } };
    },
  },
  {
    name: 'SM ListSecrets (page of 100 among 1,000)',
    setup: (call) => createSecrets(call, 1000),
    request: () => ({ target: 'secretsmanager.ListSecrets', body: { MaxResults: 100 } }),
  },
  {
    name: 'SM ListSecrets (first page of 100, 10k secrets)',
    setup: (call) => createSecrets(call),
    request: () => ({ target: 'secretsmanager.ListSecrets', body: { MaxResults: 100 } }),
  },
  {
    name: 'SM ListSecrets (NextToken page of 100, 10k secrets)',
    setup: async (call) => {
      await createSecrets(call);
      // A token from the middle of the listing: walk 50 pages in.
      let token;
      for (let page = 0; page < Math.floor(SECRETS / 200); page++) {
        token = (await call('secretsmanager.ListSecrets', { MaxResults: 100, NextToken: token })).json.NextToken;
      }
      return { token };
    },
    request: ({ token }) => ({ target: 'secretsmanager.ListSecrets', body: { MaxResults: 100, NextToken: token } }),
  },
];
