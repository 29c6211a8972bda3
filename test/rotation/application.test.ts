// An application across a rotation: it reads its secret through AWS Lambda Powertools'
// SecretsProvider (what `getSecret` uses), given an SDK client pointed at Strongroom, with a
// cache of MAX_AGE seconds. While the rotation runs, every read answers the old value — a read
// whose cache expired during each step, and uncached reads in a loop — with no error; once the
// rotation is done, the cached value stays until it expires, then the new one is read.
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  RotateSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import type { EmbeddedRotationFunction } from '../../src/rotation/embedded';
import { useServer } from '../helpers/server';
import { waitForJobs } from '../jobs/helpers';
import { templateRotation, type StepRecord } from './helpers';
import { expectRotatedSecret, lambdaArn, rotatedSteps, TOKEN } from './recorded';

const MAX_AGE = 60;
const SECRET = 'app/db';
type Credentials = { username: string; password: string };

/** The application's reader, cached, and a second one the test reads through uncached in a loop. */
let app: SecretsProvider;
let watcher: SecretsProvider;
/** GetSecretValue requests the application's reader sent to the server. */
let fetches = 0;
const read = () => app.get(SECRET, { maxAge: MAX_AGE, transform: 'json' }) as Promise<Credentials>;

/**
 * A read as the application makes it once MAX_AGE has passed, without sleeping: Powertools checks
 * a cached value's age against Date.now() synchronously when get() is called, so the clock is
 * moved past MAX_AGE for that call only (nothing else, Strongroom included, sees the move).
 */
function readAfterCacheExpired(): Promise<Credentials> {
  const now = Date.now();
  const clock = jest.spyOn(Date, 'now').mockReturnValue(now + (MAX_AGE + 1) * 1000);
  try {
    return read();
  } finally {
    clock.mockRestore();
  }
}

const steps: StepRecord[] = [];
/** What the application read at the start of each step, its cache having just expired. */
const duringSteps: { step: string; password: string; fetched: boolean }[] = [];
const rotation = templateRotation(steps);
const rotator: EmbeddedRotationFunction = async (event, context) => {
  const before = fetches;
  const { password } = await readAfterCacheExpired();
  duringSteps.push({ step: event.Step, password, fetched: fetches === before + 1 });
  return rotation(event, context);
};

const server = useServer({ options: { rotationFunctions: { rotator } } });

beforeAll(() => {
  const client = server.sm();
  client.middlewareStack.add(
    (next) => async (args) => {
      fetches += 1;
      return next(args);
    },
    { step: 'initialize', name: 'countFetches' },
  );
  app = new SecretsProvider({ awsSdkV3Client: client });
  watcher = new SecretsProvider({ awsSdkV3Client: server.sm() });
});

it('keeps reading the old value through a rotation with no error, and the new one once its cache expires', async () => {
  const sm = server.sm();
  const { VersionId: first } = await sm.send(new CreateSecretCommand({ Name: SECRET, SecretString: JSON.stringify({ username: 'app', password: 'old' }) }));
  expect(await read()).toEqual({ username: 'app', password: 'old' });
  expect(fetches).toBe(1);

  // Uncached reads for as long as the rotation runs: any error fails the test.
  let rotating = true;
  const watched = (async () => {
    const seen: string[] = [];
    while (rotating) seen.push(((await watcher.get(SECRET, { forceFetch: true, transform: 'json' })) as Credentials).password);
    return seen;
  })();
  await sm.send(new RotateSecretCommand({ SecretId: SECRET, RotationLambdaARN: lambdaArn('rotator'), RotationRules: { AutomaticallyAfterDays: 30 }, ClientRequestToken: TOKEN }));
  expect(await waitForJobs(server)).toEqual({ running: 0, due: 0, failed: 0 });
  rotating = false;
  const seen = await watched;

  expect(duringSteps).toEqual(['createSecret', 'setSecret', 'testSecret', 'finishSecret'].map((step) => ({ step, password: 'old', fetched: true })));
  expect(steps.map(({ step, after }) => ({ step, stages: after }))).toEqual(rotatedSteps(first!));
  expectRotatedSecret(await sm.send(new DescribeSecretCommand({ SecretId: SECRET })), 'rotator', first!);

  // The loop read the old value until finishSecret moved AWSCURRENT, then only the new one.
  const { password: rotated } = JSON.parse((await sm.send(new GetSecretValueCommand({ SecretId: SECRET }))).SecretString!) as Credentials;
  expect(rotated).not.toBe('old');
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.filter((p, i) => p !== seen[i - 1])).toEqual(seen.at(-1) === 'old' ? ['old'] : ['old', rotated]);

  // The application's cache still holds the old value, and is not refreshed until it expires.
  const fetched = fetches;
  expect(await read()).toEqual({ username: 'app', password: 'old' });
  expect(fetches).toBe(fetched);
  expect(await readAfterCacheExpired()).toEqual({ username: 'app', password: rotated });
  expect(fetches).toBe(fetched + 1);
});
