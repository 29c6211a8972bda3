import type { PutSecretValueRequest, PutSecretValueResponse } from '@aws-sdk/client-secrets-manager';
import { InvalidRequestException } from '../../../protocol/errors';
import type { SecretsManagerContext } from '../context';
import { sameValue } from '../envelope';
import { checkSecretId } from '../identifiers';
import { tokenInUse, tokenRequired } from '../messages';
import { inputValue, readValue, updateSecret } from '../secrets';
import { addVersion, CURRENT, pruneDeprecated } from '../versions';

export async function PutSecretValue(ctx: SecretsManagerContext, input: PutSecretValueRequest): Promise<PutSecretValueResponse> {
  checkSecretId(input.SecretId!);
  const token = input.ClientRequestToken;
  if (token === undefined) throw tokenRequired();
  const value = inputValue(input);
  if (!value) throw new InvalidRequestException('You must provide either SecretString or SecretBinary.');

  return updateSecret(ctx, input.SecretId!, {}, async (record) => {
    const existing = record.versions.find((v) => v.id === token);
    if (existing) {
      // Same token, same value: the retry of a request that already succeeded.
      if (!sameValue(await readValue(ctx, record, token), value)) throw tokenInUse(token, record.arn);
      return { result: { ARN: record.arn, Name: record.name, VersionId: token, VersionStages: [...existing.stages] } };
    }
    const now = ctx.now.getTime();
    const version = addVersion(record.versions, token, input.VersionStages ?? [CURRENT], now);
    pruneDeprecated(record.versions, now);
    record.lastChangedAt = now;
    return {
      after: record,
      plaintexts: new Map([[token, value]]),
      result: { ARN: record.arn, Name: record.name, VersionId: token, VersionStages: [...version.stages] },
    };
  });
}
