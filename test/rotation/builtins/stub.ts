// A Secrets Manager stand-in for invoking a built-in rotator directly: DescribeSecret answers
// the given stages, GetSecretValue the values by stage, and every call is recorded.
import type { InProcessCall } from '../../../src/pipeline/context';
import type { RotationEvent } from '../../../src/rotation/functions';

export const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:app/db-AbCdEf';
export const TOKEN = 'c0ffee00-0000-4000-8000-000000000001';

export const eventOf = (Step: RotationEvent['Step']): RotationEvent => ({ Step, SecretId: SECRET_ARN, ClientRequestToken: TOKEN, RotationToken: 'r0ffee00-0000-4000-8000-000000000002' });

export interface Stub {
  call: InProcessCall;
  calls: { operation: string; input: Record<string, unknown> }[];
}

export function stubSecretsManager(described: { RotationEnabled?: boolean; VersionIdsToStages: Record<string, string[]> }, values: Record<string, string>): Stub {
  const calls: Stub['calls'] = [];
  const answer = async (operation: string, input: Record<string, unknown>): Promise<unknown> => {
    calls.push({ operation, input });
    if (operation === 'DescribeSecret') return described;
    const value = operation === 'GetSecretValue' ? values[String(input.VersionStage)] : undefined;
    if (value !== undefined) return { SecretString: value };
    throw Object.assign(new Error("Secrets Manager can't find the specified secret value for staging label: AWSPENDING"), { name: 'ResourceNotFoundException' });
  };
  return { call: ((_service, operation, input) => answer(operation, input)) as InProcessCall, calls };
}
