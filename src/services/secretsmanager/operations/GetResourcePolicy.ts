import type { GetResourcePolicyRequest, GetResourcePolicyResponse } from '../../../protocol/generated/secretsmanager';
import type { SecretsManagerContext } from '../context';
import { findSecret } from '../secrets';

export async function GetResourcePolicy(ctx: SecretsManagerContext, input: GetResourcePolicyRequest): Promise<GetResourcePolicyResponse> {
  const record = await findSecret(ctx, input.SecretId);
  return { ARN: record.arn, Name: record.name, ResourcePolicy: record.policy };
}
