import type { RestoreSecretRequest, RestoreSecretResponse } from '../../../protocol/generated/secretsmanager';
import type { SecretsManagerContext } from '../context';
import { secretsOf, updateSecret } from '../secrets';

export async function RestoreSecret(ctx: SecretsManagerContext, input: RestoreSecretRequest): Promise<RestoreSecretResponse> {
  return updateSecret(ctx, input.SecretId, { allowDeleted: true }, (record) => {
    const answer = { ARN: record.arn, Name: record.name };
    if (record.deletedAt === undefined) return { result: answer };
    const unschedule = secretsOf(ctx).unscheduleDeletion(record);
    record.deletedAt = undefined;
    record.deletionDate = undefined;
    return { after: record, ops: [unschedule], result: answer };
  });
}
