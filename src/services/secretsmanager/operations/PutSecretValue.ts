import type { PutSecretValueRequest, PutSecretValueResponse } from '../../../protocol/generated/secretsmanager';
import { InvalidRequestException } from '../../../protocol/errors';
import type { SecretsManagerContext } from '../context';
import { sameValue } from '../envelope';
import { findVersion, pruneDeprecated } from '../history';
import { checkSecretId } from '../identifiers';
import { tokenInUse, tokenRequired } from '../messages';
import { inputValue, readValue, updateSecret } from '../secrets';
import { addVersion, CURRENT } from '../versions';

export async function PutSecretValue(ctx: SecretsManagerContext, input: PutSecretValueRequest): Promise<PutSecretValueResponse> {
  checkSecretId(input.SecretId);
  const token = input.ClientRequestToken;
  if (token === undefined) throw tokenRequired();
  const value = inputValue(input);
  if (!value) throw new InvalidRequestException('You must provide either SecretString or SecretBinary.');

  return updateSecret(ctx, input.SecretId, {}, async (record, history) => {
    const existing = await findVersion(ctx, record, token);
    if (existing) {
      // Same token, same value: the retry of a request that already succeeded.
      if (!sameValue(await readValue(ctx, record, token), value)) throw tokenInUse(token, record.arn);
      return { result: { ARN: record.arn, Name: record.name, VersionId: token, VersionStages: [...existing.stages] } };
    }
    const now = ctx.now.getTime();
    const version = addVersion(record, history, token, input.VersionStages ?? [CURRENT], now);
    await pruneDeprecated(ctx, record, history, now);
    record.lastChangedAt = now;
    return {
      after: record,
      plaintexts: new Map([[token, value]]),
      result: { ARN: record.arn, Name: record.name, VersionId: token, VersionStages: [...version.stages] },
    };
  });
}
