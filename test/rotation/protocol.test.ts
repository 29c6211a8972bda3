// Rotation on demand, through a function given to createStrongroom(): the four steps as AWS
// runs them, RotateImmediately false, a failing step, and a function nobody declared.
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  RotateSecretCommand,
  UpdateSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import type { EmbeddedRotationFunction } from '../../src/rotation/embedded';
import { signal, waitForJobs } from '../jobs/helpers';
import { awsError, startServer, useServer } from '../helpers/server';
import { templateRotation, type StepRecord } from './helpers';

const steps: StepRecord[] = [];
const invoked: string[] = [];
/** The functions wait for this before each step: a test that reads the state before the steps closes it. */
let gate: Promise<void> = Promise.resolve();
const gated =
  (fn: EmbeddedRotationFunction): EmbeddedRotationFunction =>
  async (event, context) => {
    await gate;
    return fn(event, context);
  };
const server = useServer({
  reset: 'each',
  options: {
    logLevel: 'warn',
    rotationFunctions: {
      rotator: gated(templateRotation(steps)),
      broken: gated(templateRotation(steps, { failAt: 'setSecret' })),
      tester: gated(async (event) => void invoked.push(event.Step)),
    },
  },
});

let openGate = () => undefined as void;
/** Holds the steps back until the returned function is called (after each test at the latest). */
function closeGate(): () => void {
  const { promise, resolve } = signal();
  gate = promise;
  openGate = () => {
    resolve();
    gate = Promise.resolve();
  };
  return openGate;
}
afterEach(() => openGate());

const LAMBDA = 'arn:aws:lambda:us-east-1:000000000000:function:rotator';
const BROKEN = 'arn:aws:lambda:us-east-1:000000000000:function:broken';
const TESTER = 'arn:aws:lambda:us-east-1:000000000000:function:tester';
const TOKEN = '11111111-2222-3333-4444-555555555555';
const DAY_MS = 86_400_000;

let stderr: jest.SpyInstance;
beforeEach(() => {
  steps.length = 0;
  invoked.length = 0;
  stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => stderr.mockRestore());
const logged = () => stderr.mock.calls.map((c) => String(c[0])).join('');

async function createSecret() {
  const { ARN, VersionId } = await server.sm().send(new CreateSecretCommand({ Name: 'db', SecretString: JSON.stringify({ username: 'app', password: 'old' }) }));
  return { arn: ARN!, first: VersionId! };
}

const describe_ = (id: string) => server.sm().send(new DescribeSecretCommand({ SecretId: id }));

it('runs the four steps in order, with the token staged AWSPENDING and no value until createSecret puts one', async () => {
  const { arn, first } = await createSecret();
  const open = closeGate();
  const answer = await server.sm().send(new RotateSecretCommand({ SecretId: 'db', RotationLambdaARN: LAMBDA, RotationRules: { AutomaticallyAfterDays: 30 }, ClientRequestToken: TOKEN }));
  expect({ ARN: answer.ARN, Name: answer.Name, VersionId: answer.VersionId }).toEqual({ ARN: arn, Name: 'db', VersionId: TOKEN });
  // Before the steps run, the pending version is listed and has no value.
  expect((await describe_('db')).VersionIdsToStages).toEqual({ [first]: ['AWSCURRENT'], [TOKEN]: ['AWSPENDING'] });
  expect(await awsError(() => server.sm().send(new GetSecretValueCommand({ SecretId: 'db', VersionStage: 'AWSPENDING' })))).toEqual({
    name: 'ResourceNotFoundException',
    message: "Secrets Manager can't find the specified secret value for staging label: AWSPENDING",
    status: 400,
  });

  open();
  expect(await waitForJobs(server)).toEqual({ running: 0, due: 0, failed: 0 });
  const pending = { [first]: ['AWSCURRENT'], [TOKEN]: ['AWSPENDING'] };
  expect(steps).toEqual([
    {
      step: 'createSecret',
      before: pending,
      after: pending,
      pendingRead: { name: 'ResourceNotFoundException', message: `Secrets Manager can't find the specified secret value for VersionId: ${TOKEN}` },
    },
    { step: 'setSecret', before: pending, after: pending },
    { step: 'testSecret', before: pending, after: pending },
    { step: 'finishSecret', before: pending, after: { [first]: ['AWSPREVIOUS'], [TOKEN]: ['AWSCURRENT', 'AWSPENDING'] } },
  ]);

  const d = await describe_('db');
  expect(d.VersionIdsToStages).toEqual({ [first]: ['AWSPREVIOUS'], [TOKEN]: ['AWSCURRENT'] });
  expect({ enabled: d.RotationEnabled, arn: d.RotationLambdaARN, rules: d.RotationRules }).toEqual({ enabled: true, arn: LAMBDA, rules: { AutomaticallyAfterDays: 30 } });
  const rotated = d.LastRotatedDate!.getTime();
  expect(Math.abs(rotated - Date.now())).toBeLessThan(60_000);
  // The window 30 days after the rotation's day, which ends with that UTC day.
  const day = rotated - (rotated % DAY_MS);
  expect(d.NextRotationDate).toEqual(new Date(day + 31 * DAY_MS - 1000));

  const value = await server.sm().send(new GetSecretValueCommand({ SecretId: 'db' }));
  expect(value.VersionId).toBe(TOKEN);
  expect(JSON.parse(value.SecretString!)).toEqual({ username: 'app', password: expect.not.stringMatching(/^old$/) });

  // The next rotation reuses the stored function and rules.
  const again = await server.sm().send(new RotateSecretCommand({ SecretId: 'db' }));
  await waitForJobs(server);
  expect((await describe_('db')).VersionIdsToStages).toEqual({ [TOKEN]: ['AWSPREVIOUS'], [again.VersionId!]: ['AWSCURRENT'] });
});

it('stops at a failing step, leaves AWSPENDING where it stood, logs the error and answers the next RotateSecret as in progress', async () => {
  const { arn, first } = await createSecret();
  await server.sm().send(new RotateSecretCommand({ SecretId: 'db', RotationLambdaARN: BROKEN, RotationRules: { AutomaticallyAfterDays: 30 }, ClientRequestToken: TOKEN }));
  expect(await waitForJobs(server)).toEqual({ running: 0, due: 0, failed: 0 });

  expect(steps.map((s) => s.step)).toEqual(['createSecret', 'setSecret']);
  const d = await describe_('db');
  expect(d.VersionIdsToStages).toEqual({ [first]: ['AWSCURRENT'], [TOKEN]: ['AWSPENDING'] });
  expect(d.LastRotatedDate).toBeUndefined();
  expect(d.RotationEnabled).toBe(true);
  expect(logged()).toContain(`rotation of ${arn} failed at setSecret: Error: cannot reach the database in setSecret`);

  expect(await awsError(() => server.sm().send(new RotateSecretCommand({ SecretId: 'db' })))).toEqual({
    name: 'InvalidRequestException',
    message: 'Previous rotation request is still in progress.',
    status: 400,
  });
  // The failed rotation is final: nothing retries it.
  await waitForJobs(server);
  expect(steps).toHaveLength(2);
});

it('runs only testSecret with RotateImmediately false, against a new version holding the current value', async () => {
  const { first } = await createSecret();
  const seen: unknown[] = [];
  const open = closeGate();
  await server.sm().send(new RotateSecretCommand({ SecretId: 'db', RotationLambdaARN: TESTER, RotationRules: { AutomaticallyAfterDays: 7 }, RotateImmediately: false, ClientRequestToken: TOKEN }));
  const { Versions } = await server.sm().send(new ListSecretVersionIdsCommand({ SecretId: 'db' }));
  expect(Versions!.map((v) => [v.VersionId, v.VersionStages])).toEqual([
    [first, ['AWSCURRENT']],
    [TOKEN, ['AWSPENDING']],
  ]);
  const pending = await server.sm().send(new GetSecretValueCommand({ SecretId: 'db', VersionId: TOKEN, VersionStage: 'AWSPENDING' }));
  seen.push(JSON.parse(pending.SecretString!));
  expect(seen).toEqual([{ username: 'app', password: 'old' }]);

  open();
  await waitForJobs(server);
  expect(invoked).toEqual(['testSecret']);
  const d = await describe_('db');
  expect(d.VersionIdsToStages).toEqual({ [first]: ['AWSCURRENT'] });
  expect(d.RotationEnabled).toBe(true);
  expect(d.LastRotatedDate).toBeUndefined();
  expect(d.NextRotationDate).toBeInstanceOf(Date);
});

it('still cannot invoke a function no resolver knows, and stores nothing', async () => {
  await createSecret();
  expect(await awsError(() => server.sm().send(new RotateSecretCommand({ SecretId: 'db', RotationLambdaARN: 'arn:aws:lambda:us-east-1:000000000000:function:nobody' })))).toEqual({
    name: 'AccessDeniedException',
    message: 'Secrets Manager cannot invoke the specified Lambda function. Ensure that the function policy grants access to the principal secretsmanager.amazonaws.com.',
    status: 400,
  });
  const d = await describe_('db');
  expect([d.RotationEnabled, d.RotationLambdaARN, d.VersionIdsToStages && Object.keys(d.VersionIdsToStages).length]).toEqual([undefined, undefined, 1]);
});

it('leaves AWSPENDING on an empty version when the function moves nothing; UpdateSecret with the token fills it', async () => {
  const { first } = await createSecret();
  await server.sm().send(new RotateSecretCommand({ SecretId: 'db', RotationLambdaARN: TESTER, ClientRequestToken: TOKEN }));
  await waitForJobs(server);
  expect(invoked).toEqual(['createSecret', 'setSecret', 'testSecret', 'finishSecret']);
  expect((await describe_('db')).VersionIdsToStages).toEqual({ [first]: ['AWSCURRENT'], [TOKEN]: ['AWSPENDING'] });
  expect((await awsError(() => server.sm().send(new RotateSecretCommand({ SecretId: 'db' })))).message).toBe('Previous rotation request is still in progress.');

  await server.sm().send(new UpdateSecretCommand({ SecretId: 'db', ClientRequestToken: TOKEN, SecretString: 'by hand' }));
  const value = await server.sm().send(new GetSecretValueCommand({ SecretId: 'db' }));
  expect([value.VersionId, value.SecretString, [...value.VersionStages!].sort()]).toEqual([TOKEN, 'by hand', ['AWSCURRENT', 'AWSPENDING']]);
});

it('fails a step that runs past the timeout, with the error Lambda reports', async () => {
  const s = await startServer({ logLevel: 'warn', rotationTimeoutSeconds: 0.2, rotationFunctions: { hang: () => new Promise(() => undefined) } });
  try {
    const { ARN } = await s.sm().send(new CreateSecretCommand({ Name: 'db', SecretString: 'v' }));
    await s.sm().send(new RotateSecretCommand({ SecretId: 'db', RotationLambdaARN: 'arn:aws:lambda:us-east-1:000000000000:function:hang' }));
    await waitForJobs(s);
    expect(logged()).toContain(`rotation of ${ARN} failed at createSecret: Sandbox.Timedout: Task timed out after 0.20 seconds`);
  } finally {
    await s.close();
  }
});
