import type { UpdateSecretVersionStageRequest, UpdateSecretVersionStageResponse } from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerContext } from '../context';
import { updateSecret } from '../secrets';
import { moveStage, pruneDeprecated } from '../versions';

export async function UpdateSecretVersionStage(ctx: SecretsManagerContext, input: UpdateSecretVersionStageRequest): Promise<UpdateSecretVersionStageResponse> {
  return updateSecret(ctx, input.SecretId!, {}, (record) => {
    const now = ctx.now.getTime();
    moveStage(record.versions, input.VersionStage!, input.MoveToVersionId, input.RemoveFromVersionId);
    pruneDeprecated(record.versions, now);
    record.lastChangedAt = now;
    return { after: record, result: { ARN: record.arn, Name: record.name } };
  });
}
