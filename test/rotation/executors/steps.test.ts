// RotateSecret through the SDK with each kind of function a seed file declares to run in a child
// process — a Node.js module, a Python handler written as AWS's templates are (boto3, reading
// SECRETS_MANAGER_ENDPOINT) and a `command` (a node script: the event on stdin, the steps through
// the SDK configured by the environment alone) — with the stages recorded after every step.
import { join } from 'node:path';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { requireTool } from '../../helpers/tools';
import { expectRotatedSecret, rotatedSteps, rotateWithRecords, useRecordingServer } from '../recorded';
import { FIXTURES } from './invocation';

const { server, stages } = useRecordingServer((stagesFile) => [
  { name: 'node-recorded', module: join(FIXTURES, 'node/recorded.cjs'), handler: 'handler', environment: { STAGES_FILE: stagesFile('node-recorded') } },
  { name: 'python-recorded', python: join(FIXTURES, 'python'), handler: 'recorded_function.lambda_handler', environment: { STAGES_FILE: stagesFile('python-recorded') } },
  { name: 'command-recorded', command: [process.execPath, join(FIXTURES, 'node/command.cjs')], environment: { STAGES_FILE: stagesFile('command-recorded') } },
]);

async function expectRotation(functionName: string) {
  const { first, described } = await rotateWithRecords(server(), `${functionName}-db`, functionName);
  expect(stages(functionName)).toEqual(rotatedSteps(first));
  expectRotatedSecret(described, functionName, first);
  const current = JSON.parse((await server().sm().send(new GetSecretValueCommand({ SecretId: `${functionName}-db` }))).SecretString!);
  expect(current).toEqual({ username: 'app', password: expect.not.stringMatching(/^old$/) });
}

it('rotates with a Node.js module, the stages recorded after each step', async () => {
  await expectRotation('node-recorded');
});

it('rotates with a command reading the event on stdin, the stages recorded after each step', async () => {
  await expectRotation('command-recorded');
});

requireTool('boto3')("rotates with a Python handler following AWS's template contract, the stages recorded after each step", async () => {
  await expectRotation('python-recorded');
});
