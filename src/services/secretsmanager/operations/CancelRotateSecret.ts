import type { CancelRotateSecretRequest, CancelRotateSecretResponse } from '../../../protocol/generated/secretsmanager';
import type { SecretsManagerContext } from '../context';
import { rescheduleRotation } from '../rotation-runs';
import { updateSecret } from '../secrets';
import { CURRENT, PENDING } from '../versions';

/** Turns rotation off, keeping its configuration, and drops the scheduled rotation; answers the version an unfinished rotation left, if any. */
export async function CancelRotateSecret(ctx: SecretsManagerContext, input: CancelRotateSecretRequest): Promise<CancelRotateSecretResponse> {
  return updateSecret(ctx, input.SecretId, {}, (record) => {
    const unfinished = record.versions.find((v) => v.stages.includes(PENDING) && !v.stages.includes(CURRENT));
    record.rotation = { ...record.rotation, enabled: false };
    record.lastChangedAt = ctx.now.getTime();
    return { after: record, ops: rescheduleRotation(ctx, record), result: { ARN: record.arn, Name: record.name, VersionId: unfinished?.id } };
  });
}
