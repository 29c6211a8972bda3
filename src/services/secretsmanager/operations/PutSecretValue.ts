import type { PutSecretValueRequest, PutSecretValueResponse } from '../../../protocol/generated/secretsmanager';
import { InvalidRequestException } from '../../../protocol/errors';
import type { SecretsManagerContext } from '../context';
import { sameValue } from '../envelope';
import { findVersion, pruneDeprecated } from '../history';
import { checkSecretId } from '../identifiers';
import { tokenInUse, tokenRequired } from '../messages';
import { rotationBase } from '../rotation';
import { rescheduleRotation } from '../rotation-runs';
import { inputValue, readValue, updateSecret } from '../secrets';
import { addVersion, CURRENT, fillVersion } from '../versions';

export async function PutSecretValue(ctx: SecretsManagerContext, input: PutSecretValueRequest): Promise<PutSecretValueResponse> {
  checkSecretId(input.SecretId);
  const token = input.ClientRequestToken;
  if (token === undefined) throw tokenRequired();
  const value = inputValue(input);
  if (!value) throw new InvalidRequestException('You must provide either SecretString or SecretBinary.');
  const stages = input.VersionStages ?? [CURRENT];

  return updateSecret(ctx, input.SecretId, {}, async (record, history) => {
    const existing = await findVersion(ctx, record, token);
    const now = ctx.now.getTime();
    if (existing && !existing.empty) {
      // Same token, same value: the retry of a request that already succeeded.
      if (!sameValue(await readValue(ctx, record, token), value)) throw tokenInUse(token, record.arn);
      return { result: { ARN: record.arn, Name: record.name, VersionId: token, VersionStages: [...existing.stages] } };
    }
    // The pending version RotateSecret made is filled by its function's PutSecretValue with its token.
    const version = existing ? fillVersion(record, history, existing, stages) : addVersion(record, history, token, stages, now);
    await pruneDeprecated(ctx, record, history, now);
    record.lastChangedAt = now;
    // A new current value outside a rotation counts as a rotation for the schedule (RotationRulesType).
    const manual = record.rotation?.enabled && !record.rotation.run && version.stages.includes(CURRENT);
    return {
      after: record,
      plaintexts: new Map([[token, value]]),
      ops: manual ? rescheduleRotation(ctx, record, rotationBase(record)) : undefined,
      result: { ARN: record.arn, Name: record.name, VersionId: token, VersionStages: [...version.stages] },
    };
  });
}
