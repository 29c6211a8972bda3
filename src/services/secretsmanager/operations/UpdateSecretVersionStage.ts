import type { UpdateSecretVersionStageRequest, UpdateSecretVersionStageResponse } from '../../../protocol/generated/secretsmanager';
import type { SecretsManagerContext } from '../context';
import { findVersion, pruneDeprecated } from '../history';
import type { VersionMeta } from '../records';
import { updateSecret } from '../secrets';
import { moveStage } from '../versions';

export async function UpdateSecretVersionStage(ctx: SecretsManagerContext, input: UpdateSecretVersionStageRequest): Promise<UpdateSecretVersionStageResponse> {
  return updateSecret(ctx, input.SecretId, {}, async (record, history) => {
    const now = ctx.now.getTime();
    // The named versions, labelled or deprecated (a label can move onto a deprecated version).
    const named = new Map<string, VersionMeta>();
    for (const id of [input.MoveToVersionId, input.RemoveFromVersionId]) {
      const version = id === undefined ? undefined : await findVersion(ctx, record, id);
      if (version) named.set(version.id, version);
    }
    moveStage(record, history, input.VersionStage, input.MoveToVersionId, input.RemoveFromVersionId, named);
    await pruneDeprecated(ctx, record, history, now);
    record.lastChangedAt = now;
    return { after: record, result: { ARN: record.arn, Name: record.name } };
  });
}
