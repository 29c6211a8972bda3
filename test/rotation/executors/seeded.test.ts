// Rotation through the SDK with functions the seed file declares: a Node.js module and a Python
// handler (boto3) written as AWS's templates are, run in child processes by RotateSecret.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecretCommand, DescribeSecretCommand, GetSecretValueCommand, RotateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { waitForJobs } from '../../jobs/helpers';
import { startServer, type TestServer } from '../../helpers/server';
import { requireTool } from '../../helpers/tools';
import { sorted } from '../helpers';
import { FIXTURES } from './invocation';

const lambdaArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
const TOKEN = '11111111-2222-3333-4444-555555555555';

let dir: string;
let server: TestServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'strongroom-seeded-rotation-'));
  const seed = join(dir, 'seed.yaml');
  writeFileSync(
    seed,
    `lambda:
  functions:
    - name: node-template
      module: ${join(FIXTURES, 'node/template.cjs')}
      handler: handler
    - name: python-template
      python: ${join(FIXTURES, 'python')}
      handler: template_function.lambda_handler
    - name: python-broken
      python: ${join(FIXTURES, 'python')}
      handler: template_function.lambda_handler
      environment: { FAIL_STEP: setSecret }
`,
  );
  server = await startServer({ seeds: [seed] });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rotate(name: string, functionName: string) {
  const { VersionId: first } = await server.sm().send(new CreateSecretCommand({ Name: name, SecretString: JSON.stringify({ username: 'app', password: 'old' }) }));
  await server.sm().send(new RotateSecretCommand({ SecretId: name, RotationLambdaARN: lambdaArn(functionName), RotationRules: { AutomaticallyAfterDays: 30 }, ClientRequestToken: TOKEN }));
  expect(await waitForJobs(server)).toEqual(expect.objectContaining({ running: 0, due: 0 }));
  return { first: first!, described: await server.sm().send(new DescribeSecretCommand({ SecretId: name })) };
}

async function expectRotated(name: string, functionName: string) {
  const { first, described } = await rotate(name, functionName);
  expect(sorted(described.VersionIdsToStages)).toEqual({ [first]: ['AWSPREVIOUS'], [TOKEN]: ['AWSCURRENT'] });
  expect({ enabled: described.RotationEnabled, arn: described.RotationLambdaARN, rotated: described.LastRotatedDate instanceof Date }).toEqual({
    enabled: true,
    arn: lambdaArn(functionName),
    rotated: true,
  });
  const current = JSON.parse((await server.sm().send(new GetSecretValueCommand({ SecretId: name }))).SecretString!);
  expect(current).toEqual({ username: 'app', password: expect.any(String) });
  expect(current.password).not.toBe('old');
}

it('rotates with a seed-declared Node.js module', async () => {
  await expectRotated('node-db', 'node-template');
});

const withBoto3 = requireTool('boto3');

withBoto3('rotates with a seed-declared Python handler using boto3', async () => {
  await expectRotated('python-db', 'python-template');
});

withBoto3('leaves AWSPENDING where it stands when the Python handler raises in setSecret', async () => {
  const { first, described } = await rotate('broken-db', 'python-broken');
  expect(sorted(described.VersionIdsToStages)).toEqual({ [first]: ['AWSCURRENT'], [TOKEN]: ['AWSPENDING'] });
  expect(described.LastRotatedDate).toBeUndefined();
});
