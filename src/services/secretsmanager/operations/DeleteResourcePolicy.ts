import type { DeleteResourcePolicyRequest, DeleteResourcePolicyResponse } from '../../../protocol/generated/secretsmanager';
import type { SecretsManagerContext } from '../context';
import { updateSecret } from '../secrets';

export async function DeleteResourcePolicy(ctx: SecretsManagerContext, input: DeleteResourcePolicyRequest): Promise<DeleteResourcePolicyResponse> {
  return updateSecret(ctx, input.SecretId, {}, (record) => {
    const answer = { ARN: record.arn, Name: record.name };
    if (record.policy === undefined) return { result: answer };
    record.policy = undefined;
    record.lastChangedAt = ctx.now.getTime();
    return { after: record, result: answer };
  });
}
