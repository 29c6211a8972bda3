// Rotation functions that fail as processes, through RotateSecret: a Node.js module that hangs in
// setSecret past the rotation timeout, and one that ends its process there (process.exit(3)).
// Each leaves AWSPENDING on the new version as AWS does, the failure is logged, the next
// RotateSecret answers that a rotation is still in progress, and the server goes on serving.
import { join } from 'node:path';
import { GetSecretValueCommand, RotateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { awsError } from '../helpers/server';
import { FIXTURES } from './executors/invocation';
import { expectStoppedSecret, rotatedSteps, rotateWithRecords, TOKEN, useRecordingServer } from './recorded';

/** Long enough for a child process to run createSecret on a busy machine; the hang is stopped after it. */
const TIMEOUT_SECONDS = 5;

/** recorded.cjs, made to hang or exit in setSecret. */
const failing = (stagesFile: (name: string) => string, name: string, mode: 'hang' | 'exit') => ({
  name,
  module: join(FIXTURES, 'node/recorded.cjs'),
  handler: 'handler',
  environment: { STAGES_FILE: stagesFile(name), FAIL_STEP: 'setSecret', FAIL_MODE: mode },
});
// At `info`, the function's own output is logged too (on stdout); failures are `warn` (stderr).
const { server, stages } = useRecordingServer((stagesFile) => [failing(stagesFile, 'hangs', 'hang'), failing(stagesFile, 'exits', 'exit')], {
  logLevel: 'info',
  rotationTimeoutSeconds: TIMEOUT_SECONDS,
});

let stdout: jest.SpyInstance;
let stderr: jest.SpyInstance;
beforeEach(() => {
  stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  stdout.mockRestore();
  stderr.mockRestore();
});
const logged = (spy: jest.SpyInstance) => spy.mock.calls.map((c) => String(c[0])).join('');

async function expectStoppedAtSetSecret(functionName: string) {
  const name = `${functionName}-db`;
  const { first, described } = await rotateWithRecords(server(), name, functionName);
  // createSecret ran and recorded its stages; setSecret never got to.
  expect(stages(functionName)).toEqual(rotatedSteps(first).slice(0, 1));
  expectStoppedSecret(described, functionName, first);
  // The pending version keeps the value createSecret put.
  const pending = await server().sm().send(new GetSecretValueCommand({ SecretId: name, VersionStage: 'AWSPENDING' }));
  expect([pending.VersionId, JSON.parse(pending.SecretString!).password]).toEqual([TOKEN, expect.not.stringMatching(/^old$/)]);
  expect(await awsError(() => server().sm().send(new RotateSecretCommand({ SecretId: name })))).toEqual({
    name: 'InvalidRequestException',
    message: 'Previous rotation request is still in progress.',
    status: 400,
  });
  return described.ARN!;
}

it('stops a function that hangs past the rotation timeout (Sandbox.Timedout) and logs it', async () => {
  const arn = await expectStoppedAtSetSecret('hangs');
  expect(logged(stderr)).toMatch(
    new RegExp(`rotation of ${arn} failed at setSecret: Sandbox\\.Timedout: RequestId: \\S+ Error: Task timed out after ${TIMEOUT_SECONDS}\\.00 seconds\\n`),
  );
});

it('stops a function whose process exits (Runtime.ExitError) and logs it with what the function wrote', async () => {
  const arn = await expectStoppedAtSetSecret('exits');
  expect(logged(stdout)).toContain('[exits setSecret] giving up\n');
  expect(logged(stderr)).toMatch(new RegExp(`rotation of ${arn} failed at setSecret: Runtime\\.ExitError: RequestId: \\S+ Error: Runtime exited with error: exit status 3\\n`));
});
