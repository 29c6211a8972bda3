// The Secrets Manager API as a built-in rotator calls it: in process, through the same pipeline
// as an SDK request (validation, authorization, the log), as the secret's account in its region —
// the credentials a deployed function gets in its environment. AWS errors reject as the SDK's
// would (`name`, `message`), so a step that lets one through fails with its name as errorType.
import type { InProcessCall } from '../../pipeline/context';
import type { Invocation } from '../functions';

export type SecretsApi = <T>(operation: string, input: Record<string, unknown>) => Promise<T>;

export function secretsApi(call: InProcessCall, invocation: Invocation): SecretsApi {
  const { principal, region } = invocation;
  return (operation, input) => call('secretsmanager', operation, input, { principal, region });
}
