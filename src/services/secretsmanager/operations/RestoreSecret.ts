import type { RestoreSecretRequest, RestoreSecretResponse } from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerContext } from '../context';
import { repository, updateSecret } from '../secrets';

export async function RestoreSecret(ctx: SecretsManagerContext, input: RestoreSecretRequest): Promise<RestoreSecretResponse> {
  return updateSecret(ctx, input.SecretId!, { allowDeleted: true }, (record) => {
    const answer = { ARN: record.arn, Name: record.name };
    if (record.deletedAt === undefined) return { result: answer };
    const unschedule = repository(ctx.deps.store).unscheduleDeletion(record);
    record.deletedAt = undefined;
    record.deletionDate = undefined;
    return { after: record, ops: [unschedule], result: answer };
  });
}
