import type { UpdateSecretRequest, UpdateSecretResponse } from '../../../protocol/generated/secretsmanager';
import type { SecretsManagerContext } from '../context';
import { checkKey, sameValue } from '../envelope';
import { findVersion, pruneDeprecated } from '../history';
import { checkSecretId } from '../identifiers';
import { tokenInUse, tokenRequired } from '../messages';
import { inputValue, readValue, updateSecret } from '../secrets';
import { addVersion, CURRENT, fillVersion } from '../versions';

/** The labels whose versions AWS encrypts again when the secret's KMS key changes. */
const RESEALED = ['AWSCURRENT', 'AWSPENDING', 'AWSPREVIOUS'];

export async function UpdateSecret(ctx: SecretsManagerContext, input: UpdateSecretRequest): Promise<UpdateSecretResponse> {
  checkSecretId(input.SecretId);
  const token = input.ClientRequestToken;
  if (token === undefined) throw tokenRequired();
  const value = inputValue(input);

  return updateSecret(ctx, input.SecretId, {}, async (record, history) => {
    const answer = { ARN: record.arn, Name: record.name };
    const existing = value && (await findVersion(ctx, record, token));
    if (existing && !existing.empty) {
      if (!sameValue(await readValue(ctx, record, token), value)) throw tokenInUse(token, record.arn);
      return { result: { ...answer, VersionId: token } };
    }
    const now = ctx.now.getTime();
    if (input.Description !== undefined) record.description = input.Description;
    if (input.Type !== undefined) record.type = input.Type;
    const keyChanged = input.KmsKeyId !== undefined && input.KmsKeyId !== record.kmsKeyId;
    if (input.KmsKeyId !== undefined) {
      await checkKey(ctx.kms, ctx, input.KmsKeyId);
      record.kmsKeyId = input.KmsKeyId;
    }
    if (value) {
      // A rotation's pending version (made without a value) is filled, as by PutSecretValue.
      if (existing) fillVersion(record, history, existing, [CURRENT]);
      else addVersion(record, history, token, [CURRENT], now);
      await pruneDeprecated(ctx, record, history, now);
    }
    if (value || input.Description !== undefined || input.Type !== undefined || keyChanged) record.lastChangedAt = now;
    return {
      after: record,
      plaintexts: value && new Map([[token, value]]),
      reseal: keyChanged ? record.versions.filter((v) => v.id !== token && v.stages.some((s) => RESEALED.includes(s))).map((v) => v.id) : undefined,
      // VersionId only when the update made a new version (recorded from AWS).
      result: value ? { ...answer, VersionId: token } : answer,
    };
  });
}
