import type { PutResourcePolicyRequest, PutResourcePolicyResponse } from '../../../protocol/generated/secretsmanager';
import type { SecretsManagerContext } from '../context';
import { checkResourcePolicy } from '../policy';
import { updateSecret } from '../secrets';

export async function PutResourcePolicy(ctx: SecretsManagerContext, input: PutResourcePolicyRequest): Promise<PutResourcePolicyResponse> {
  return updateSecret(ctx, input.SecretId, {}, (record) => {
    checkResourcePolicy(input.ResourcePolicy, input.BlockPublicPolicy ?? false);
    record.policy = input.ResourcePolicy;
    record.lastChangedAt = ctx.now.getTime();
    return { after: record, result: { ARN: record.arn, Name: record.name } };
  });
}
