// Reading and writing the secret's versions the way the templates' createSecret does.
import { PENDING, type Step } from './contract';

interface SecretValue {
  SecretString?: string;
}

/** The value staged `stage`; with `token`, only if that version holds the stage (GetSecretValue's check). */
export async function readValue(step: Step, arn: string, stage: string, token?: string): Promise<string | undefined> {
  const input = token ? { SecretId: arn, VersionId: token, VersionStage: stage } : { SecretId: arn, VersionStage: stage };
  return (await step.api<SecretValue>('GetSecretValue', input)).SecretString;
}

const isNotFound = (err: unknown) => (err as Error).name === 'ResourceNotFoundException';

/** The value of a stage, or undefined when no version holds it (or the pending version has no value yet). */
async function readIfAny(step: Step, arn: string, stage: string, token?: string): Promise<string | undefined> {
  try {
    return await readValue(step, arn, stage, token);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** createSecret's rule: the pending version gets a value once; a retried step finds it set and keeps it. */
export async function putPendingOnce(step: Step, value: () => Promise<string>): Promise<void> {
  if ((await readIfAny(step, step.arn, PENDING, step.token)) !== undefined) return step.log(`createSecret: version ${step.token} already has a value`);
  await step.api('PutSecretValue', { SecretId: step.arn, ClientRequestToken: step.token, SecretString: await value(), VersionStages: [PENDING] });
  step.log(`createSecret: put a new value as version ${step.token}`);
}

/** A new password from GetRandomPassword (32 characters of every type, AWS's defaults) without `exclude`. */
export async function randomPassword(step: Step, exclude: string): Promise<string> {
  return (await step.api<{ RandomPassword: string }>('GetRandomPassword', { ExcludeCharacters: exclude })).RandomPassword;
}
