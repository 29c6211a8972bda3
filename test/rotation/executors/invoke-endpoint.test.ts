// RotateSecret through the SDK with the functions of a Lambda Invoke API (`lambdaEndpoint`): an
// in-test server playing `sam local start-lambda` runs JavaScript rotation functions whose SDK
// clients point at Strongroom, and answers as Lambda does (X-Amz-Function-Error for an error).
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RotateSecretCommand } from '@aws-sdk/client-secrets-manager';
import type { EmbeddedRotationFunction } from '../../../src/rotation/embedded';
import type { RotationEvent } from '../../../src/rotation/functions';
import { ACCOUNT, REGION, awsError, startServer, type TestServer } from '../../helpers/server';
import { templateRotation, type StepRecord } from '../helpers';
import { expectRotatedSecret, expectStoppedSecret, lambdaArn, rotatedSteps, rotateWithRecords, type StagesAfter } from '../recorded';

const steps: StepRecord[] = [];
const FUNCTIONS: Record<string, EmbeddedRotationFunction> = {
  'remote-rotator': templateRotation(steps),
  'remote-broken': templateRotation(steps, { failAt: 'setSecret' }),
};
const invocations: { path?: string; type?: string; step: RotationEvent['Step'] }[] = [];

let lambda: Server;
let server: TestServer;

/** Runs the function a Lambda Invoke request names, configured as the Lambda service would configure it: pointing at Strongroom. */
async function invoke(name: string, event: RotationEvent): Promise<{ status: number; headers: Record<string, string>; body: unknown }> {
  const fn = FUNCTIONS[name];
  if (!fn) return { status: 404, headers: { 'x-amzn-ErrorType': 'ResourceNotFoundException' }, body: { Type: 'User', message: `Function not found: ${lambdaArn(name)}` } };
  const env = { AWS_ENDPOINT_URL_SECRETS_MANAGER: server.url, AWS_REGION: REGION, AWS_ACCESS_KEY_ID: ACCOUNT, AWS_SECRET_ACCESS_KEY: 'lambda-emulator' };
  const context = { functionName: name, invokedFunctionArn: lambdaArn(name), awsRequestId: randomUUID(), env, getRemainingTimeInMillis: () => 900_000, log: () => undefined };
  try {
    return { status: 200, headers: {}, body: (await fn(event, context)) ?? null };
  } catch (err) {
    const { name: errorType, message: errorMessage } = err as Error;
    return { status: 200, headers: { 'X-Amz-Function-Error': 'Unhandled' }, body: { errorType, errorMessage, trace: [] } };
  }
}

beforeAll(async () => {
  lambda = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', async () => {
      const name = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(req.url ?? '')?.[1] ?? '';
      const event = JSON.parse(body) as RotationEvent;
      invocations.push({ path: req.url, type: req.headers['x-amz-invocation-type'] as string | undefined, step: event.Step });
      const answer = await invoke(decodeURIComponent(name), event);
      res.writeHead(answer.status, { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => lambda.listen(0, '127.0.0.1', resolve));
  server = await startServer({ logLevel: 'warn', lambdaEndpoint: `http://127.0.0.1:${(lambda.address() as AddressInfo).port}` });
});
afterAll(async () => {
  await server?.close();
  lambda.closeAllConnections();
  await new Promise((resolve) => lambda.close(resolve));
});

let stderr: jest.SpyInstance;
beforeEach(() => {
  steps.length = 0;
  invocations.length = 0;
  stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => stderr.mockRestore());

const stagesAfter = (records: StepRecord[]): StagesAfter[] => records.map(({ step, after }) => ({ step, stages: after }));

it('rotates through the Invoke API, one RequestResponse invocation per step, the stages recorded after each', async () => {
  const { first, described } = await rotateWithRecords(server, 'remote-db', 'remote-rotator');
  expect(invocations).toEqual(
    ['createSecret', 'setSecret', 'testSecret', 'finishSecret'].map((step) => ({
      path: '/2015-03-31/functions/remote-rotator/invocations',
      type: 'RequestResponse',
      step,
    })),
  );
  expect(stagesAfter(steps)).toEqual(rotatedSteps(first));
  expectRotatedSecret(described, 'remote-rotator', first);
});

it("stops at a step the function fails (X-Amz-Function-Error), logs the function's error and answers the next RotateSecret as in progress", async () => {
  const { first, described } = await rotateWithRecords(server, 'remote-broken-db', 'remote-broken');
  expect(invocations.map((i) => i.step)).toEqual(['createSecret', 'setSecret']);
  // The failing step throws before it records its `after`.
  expect(stagesAfter(steps)).toEqual([rotatedSteps(first)[0], { step: 'setSecret', stages: {} }]);
  expectStoppedSecret(described, 'remote-broken', first);
  const logged = stderr.mock.calls.map((c) => String(c[0])).join('');
  expect(logged).toContain(`rotation of ${described.ARN} failed at setSecret: Error: cannot reach the database in setSecret`);
  expect(await awsError(() => server.sm().send(new RotateSecretCommand({ SecretId: 'remote-broken-db' })))).toEqual({
    name: 'InvalidRequestException',
    message: 'Previous rotation request is still in progress.',
    status: 400,
  });
});
