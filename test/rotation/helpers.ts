// Rotation functions for the rotation tests, written as AWS's rotation templates are: each step
// checks that rotation is on and that the token is staged AWSPENDING, and does its work through
// an SDK client built from the environment Strongroom gives the function.
import {
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import type { EmbeddedContext } from '../../src/rotation/embedded';
import type { RotationEvent } from '../../src/rotation/functions';

/** What a step saw: its step, the stages before and after it, and what reading the pending value answered before it was set. */
export interface StepRecord {
  step: RotationEvent['Step'];
  before: Record<string, string[]>;
  after: Record<string, string[]>;
  pendingRead?: { name: string; message: string };
}

/** The SDK client a deployed function would build from its environment. */
function clientFrom(env: Record<string, string>): SecretsManagerClient {
  return new SecretsManagerClient({
    endpoint: env.AWS_ENDPOINT_URL_SECRETS_MANAGER,
    region: env.AWS_REGION,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
    maxAttempts: 1,
  });
}

/** VersionIdsToStages with each version's labels sorted (AWS gives them in no set order). */
export const sorted = (map: Record<string, string[]> = {}) => Object.fromEntries(Object.entries(map).map(([id, stages]) => [id, [...stages].sort()]));

const stagesOf = async (sm: SecretsManagerClient, arn: string) => sorted((await sm.send(new DescribeSecretCommand({ SecretId: arn }))).VersionIdsToStages);

/**
 * A rotation function for a JSON secret with a `password`: createSecret puts a new password as
 * the pending value, testSecret reads it back, finishSecret moves AWSCURRENT. `failAt` makes a
 * step throw, as a function whose database is unreachable would.
 */
export function templateRotation(steps: StepRecord[], options: { failAt?: RotationEvent['Step'] } = {}) {
  return async (event: RotationEvent, context: EmbeddedContext): Promise<void> => {
    const { Step: step, SecretId: arn, ClientRequestToken: token } = event;
    const sm = clientFrom(context.env);
    try {
      const metadata = await sm.send(new DescribeSecretCommand({ SecretId: arn }));
      if (!metadata.RotationEnabled) throw new Error(`Secret ${arn} is not enabled for rotation`);
      const before = sorted(metadata.VersionIdsToStages);
      if (!before[token]) throw new Error(`Secret version ${token} has no stage for rotation of secret ${arn}.`);
      if (before[token].includes('AWSCURRENT')) return;
      if (!before[token].includes('AWSPENDING')) throw new Error(`Secret version ${token} not set as AWSPENDING for rotation of secret ${arn}.`);
      const record: StepRecord = { step, before, after: {} };
      steps.push(record);
      if (options.failAt === step) throw new Error(`cannot reach the database in ${step}`);

      if (step === 'createSecret') {
        const current = await sm.send(new GetSecretValueCommand({ SecretId: arn, VersionStage: 'AWSCURRENT' }));
        try {
          await sm.send(new GetSecretValueCommand({ SecretId: arn, VersionId: token, VersionStage: 'AWSPENDING' }));
        } catch (err) {
          const { name, message } = err as Error;
          record.pendingRead = { name, message };
          if (name !== 'ResourceNotFoundException') throw err;
          const { RandomPassword } = await sm.send(new GetRandomPasswordCommand({ ExcludeCharacters: '/@"\'\\' }));
          const SecretString = JSON.stringify({ ...JSON.parse(current.SecretString!), password: RandomPassword });
          await sm.send(new PutSecretValueCommand({ SecretId: arn, ClientRequestToken: token, SecretString, VersionStages: ['AWSPENDING'] }));
        }
      } else if (step === 'testSecret') {
        const pending = await sm.send(new GetSecretValueCommand({ SecretId: arn, VersionId: token, VersionStage: 'AWSPENDING' }));
        if (typeof JSON.parse(pending.SecretString!).password !== 'string') throw new Error('the pending secret has no password');
      } else if (step === 'finishSecret') {
        const current = Object.keys(before).find((id) => before[id].includes('AWSCURRENT'));
        await sm.send(new UpdateSecretVersionStageCommand({ SecretId: arn, VersionStage: 'AWSCURRENT', MoveToVersionId: token, RemoveFromVersionId: current }));
      }
      // setSecret would change the password in the database here.
      record.after = await stagesOf(sm, arn);
    } finally {
      sm.destroy();
    }
  };
}
