// What the end-to-end rotation tests assert: the version stages each step left (as the rotation
// function recorded them, from DescribeSecret inside the step) and the DescribeSecret fields a
// finished or a failed rotation leaves, for a secret rotated with `rotateWithRecords`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecretCommand, DescribeSecretCommand, RotateSecretCommand, type DescribeSecretResponse } from '@aws-sdk/client-secrets-manager';
import type { StrongroomOptions } from '../../src';
import type { RotationEvent } from '../../src/rotation/functions';
import { startServer, type TestServer } from '../helpers/server';
import { waitForJobs } from '../jobs/helpers';
import { sorted } from './helpers';

export const TOKEN = '11111111-2222-3333-4444-555555555555';
export const lambdaArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

/** The stages one step left behind. */
export interface StagesAfter {
  step: RotationEvent['Step'];
  stages: Record<string, string[]>;
}

/** The records a function wrote to its STAGES_FILE, one JSON line per step, with labels sorted. */
function readStagesFile(file: string): StagesAfter[] {
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  return lines.map((line) => {
    const { step, stages } = JSON.parse(line) as StagesAfter;
    return { step, stages: sorted(stages) };
  });
}

/**
 * The server of a test file whose seed file's `lambda` section holds `functions` (each entry a
 * mapping, as in YAML), made by `declare` from the STAGES_FILE path of each function name;
 * `stages(name)` is what that function recorded.
 */
export function useRecordingServer(declare: (stagesFile: (name: string) => string) => Record<string, unknown>[], options: Partial<StrongroomOptions> = {}) {
  let dir: string | undefined;
  let server: TestServer | undefined;
  const stagesFile = (name: string) => join(dir!, `${name}.jsonl`);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'strongroom-rotation-'));
    const seed = join(dir, 'seed.yaml');
    // JSON is YAML: paths may hold any character.
    writeFileSync(seed, JSON.stringify({ lambda: { functions: declare(stagesFile) } }));
    server = await startServer({ seeds: [seed], ...options });
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    server: () => server!,
    stages: (name: string) => readStagesFile(stagesFile(name)),
  };
}

/** The stages after each step of a rotation that ran to the end. */
export function rotatedSteps(first: string, token = TOKEN): StagesAfter[] {
  const pending = { [first]: ['AWSCURRENT'], [token]: ['AWSPENDING'] };
  return [
    { step: 'createSecret', stages: pending },
    { step: 'setSecret', stages: pending },
    { step: 'testSecret', stages: pending },
    // finishSecret moved AWSCURRENT; Strongroom takes AWSPENDING off once the step has answered.
    { step: 'finishSecret', stages: { [first]: ['AWSPREVIOUS'], [token]: ['AWSCURRENT', 'AWSPENDING'] } },
  ];
}

/** Creates `name` with a JSON password, rotates it with `functionName` every 30 days and waits for the steps to run. */
export async function rotateWithRecords(server: Pick<TestServer, 'sm' | 'url'>, name: string, functionName: string) {
  const sm = server.sm();
  const { VersionId } = await sm.send(new CreateSecretCommand({ Name: name, SecretString: JSON.stringify({ username: 'app', password: 'old' }) }));
  const answer = await sm.send(
    new RotateSecretCommand({ SecretId: name, RotationLambdaARN: lambdaArn(functionName), RotationRules: { AutomaticallyAfterDays: 30 }, ClientRequestToken: TOKEN }),
  );
  expect(answer.VersionId).toBe(TOKEN);
  expect(await waitForJobs(server)).toEqual({ running: 0, due: 0, failed: 0 });
  return { first: VersionId!, described: await sm.send(new DescribeSecretCommand({ SecretId: name })) };
}

const DAY_MS = 86_400_000;
/** NextRotationDate for AutomaticallyAfterDays 30 counted from `date`: the last second of the UTC day 30 days after its day. */
const windowEndAfter30Days = (date: Date) => new Date(date.getTime() - (date.getTime() % DAY_MS) + 31 * DAY_MS - 1000);

/** The DescribeSecret fields after a rotation by `functionName` every 30 days that ran to the end. */
export function expectRotatedSecret(described: DescribeSecretResponse, functionName: string, first: string, token = TOKEN): void {
  expect(sorted(described.VersionIdsToStages)).toEqual({ [first]: ['AWSPREVIOUS'], [token]: ['AWSCURRENT'] });
  expect({ enabled: described.RotationEnabled, arn: described.RotationLambdaARN, rules: described.RotationRules }).toEqual({
    enabled: true,
    arn: lambdaArn(functionName),
    rules: { AutomaticallyAfterDays: 30 },
  });
  expect(described.NextRotationDate).toEqual(windowEndAfter30Days(described.LastRotatedDate!));
}

/** The DescribeSecret fields after a rotation by `functionName` that stopped at a step: AWSPENDING stays on the new version. */
export function expectStoppedSecret(described: DescribeSecretResponse, functionName: string, first: string, token = TOKEN): void {
  expect(sorted(described.VersionIdsToStages)).toEqual({ [first]: ['AWSCURRENT'], [token]: ['AWSPENDING'] });
  expect({ enabled: described.RotationEnabled, arn: described.RotationLambdaARN, rules: described.RotationRules, last: described.LastRotatedDate }).toEqual({
    enabled: true,
    arn: lambdaArn(functionName),
    rules: { AutomaticallyAfterDays: 30 },
    last: undefined,
  });
  // The schedule still counts from the last new AWSCURRENT: the secret's creation.
  expect(described.NextRotationDate).toEqual(windowEndAfter30Days(described.CreatedDate!));
}
