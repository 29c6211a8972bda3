// The four-step contract every built-in rotator follows, as AWS's rotation templates do: before
// any step, rotation must be on (RotationEnabled) and the token a version of the secret staged
// AWSPENDING; a token already AWSCURRENT means the rotation is done, and the step does nothing.
// The templates' checks raise Python's ValueError and KeyError; ours fail with the same types
// and messages, so the failure a user reads (DescribeSecret, the log) is the one AWS shows.
import type { InProcessCall } from '../../pipeline/context';
import { runInProcess, type EmbeddedContext } from '../embedded';
import type { RotationEvent, RotationFunction } from '../functions';
import { secretsApi, type SecretsApi } from './api';

export const CURRENT = 'AWSCURRENT';
export const PENDING = 'AWSPENDING';
export const PREVIOUS = 'AWSPREVIOUS';

/** A check of a template that failed: Lambda reports it as the template's Python exception. */
export class RotationError extends Error {
  constructor(type: 'ValueError' | 'KeyError', message: string) {
    super(message);
    this.name = type;
  }
}

/** What a step works with: the API, the secret's ARN, the pending version's id, and the log. */
export interface Step {
  api: SecretsApi;
  arn: string;
  token: string;
  log(line: string): void;
}

/** A rotator's steps; finishSecret, the same for every rotator, is the contract's. */
export interface RotatorSteps {
  createSecret(step: Step): Promise<void>;
  setSecret(step: Step): Promise<void>;
  testSecret(step: Step): Promise<void>;
}

interface DescribedSecret {
  RotationEnabled?: boolean;
  VersionIdsToStages?: Record<string, string[]>;
}

const stagesOf = async (step: Step) => (await step.api<DescribedSecret>('DescribeSecret', { SecretId: step.arn })).VersionIdsToStages ?? {};

/** finishSecret: AWSCURRENT moves to the pending version, from the version that holds it. */
async function finishSecret(step: Step): Promise<void> {
  const stages = await stagesOf(step);
  const current = Object.keys(stages).find((id) => stages[id].includes(CURRENT));
  if (current === step.token) return;
  await step.api('UpdateSecretVersionStage', { SecretId: step.arn, VersionStage: CURRENT, MoveToVersionId: step.token, RemoveFromVersionId: current });
  step.log(`finishSecret: set AWSCURRENT to version ${step.token} of ${step.arn}`);
}

async function handle(steps: RotatorSteps, step: Step, name: RotationEvent['Step']): Promise<void> {
  const { arn, token } = step;
  const metadata = await step.api<DescribedSecret>('DescribeSecret', { SecretId: arn });
  if (metadata.RotationEnabled === false) throw new RotationError('ValueError', `Secret ${arn} is not enabled for rotation`);
  const stages = metadata.VersionIdsToStages?.[token];
  if (!stages) throw new RotationError('ValueError', `Secret version ${token} has no stage for rotation of secret ${arn}.`);
  if (stages.includes(CURRENT)) return step.log(`version ${token} is already AWSCURRENT`);
  if (!stages.includes(PENDING)) throw new RotationError('ValueError', `Secret version ${token} not set as AWSPENDING for rotation of secret ${arn}.`);
  const all: Record<string, (step: Step) => Promise<void>> = { ...steps, finishSecret };
  const run = Object.hasOwn(all, name) ? all[name] : undefined;
  if (!run) throw new RotationError('ValueError', `Invalid step parameter ${String(name)} for secret ${arn}`);
  await run(step);
}

/** A built-in rotator made from its steps, given the in-process call it reaches Secrets Manager with. */
export type BuiltinFactory = (call: InProcessCall) => RotationFunction;

export function rotator(steps: RotatorSteps): BuiltinFactory {
  return (call) => ({
    invoke: (event, invocation) =>
      runInProcess(
        async (e: RotationEvent, context: EmbeddedContext) => {
          // Like the templates, a step returns nothing.
          await handle(steps, { api: secretsApi(call, invocation), arn: e.SecretId, token: e.ClientRequestToken, log: context.log }, e.Step);
        },
        event,
        invocation,
      ),
  });
}
