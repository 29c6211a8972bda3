import type { CreateSecretRequest, CreateSecretResponse } from '../../../protocol/generated/secretsmanager';
import { InvalidRequestException, ResourceExistsException } from '../../../protocol/errors';
import type { SecretsManagerContext } from '../context';
import { checkKey, sameValue } from '../envelope';
import { findVersion } from '../history';
import { checkName, newArnSuffix, secretArn } from '../identifiers';
import { tokenInUse, tokenRequired } from '../messages';
import type { SecretRecord } from '../records';
import { addReplicas } from '../replication';
import { commitChange, inputValue, readValue, secretsOf, withSecretLock } from '../secrets';
import { mergeTags } from '../tags';
import { addVersion, CURRENT, newHistory } from '../versions';
import { replicationStatus } from '../views';

export async function CreateSecret(ctx: SecretsManagerContext, input: CreateSecretRequest): Promise<CreateSecretResponse> {
  const name = input.Name;
  checkName(name);
  const token = input.ClientRequestToken;
  if (token === undefined) throw tokenRequired();
  const value = inputValue(input);
  const tags = input.Tags && mergeTags(undefined, input.Tags);

  return withSecretLock(ctx, ctx.accountId, name, async () => {
    const existing = await secretsOf(ctx).get(ctx.accountId, ctx.region, name);
    if (existing) {
      if (existing.deletedAt !== undefined) {
        throw new InvalidRequestException("You can't create this secret because a secret with this name is already scheduled for deletion.");
      }
      // A retry with the same token and value gets the first answer again.
      if (value && (await findVersion(ctx, existing, token))) {
        if (!sameValue(await readValue(ctx, existing, token), value)) throw tokenInUse(token, existing.arn);
        return { ARN: existing.arn, Name: name, VersionId: token };
      }
      throw new ResourceExistsException(`The operation failed because the secret ${name} already exists.`);
    }
    if (input.KmsKeyId !== undefined) await checkKey(ctx.kms, ctx, input.KmsKeyId);

    const now = ctx.now.getTime();
    const record: SecretRecord = {
      name,
      arn: secretArn(ctx.region, ctx.accountId, name, newArnSuffix()),
      accountId: ctx.accountId,
      region: ctx.region,
      createdAt: now,
      lastChangedAt: now,
      description: input.Description,
      kmsKeyId: input.KmsKeyId,
      type: input.Type,
      tags,
      versions: [],
      versionSeq: 0,
      deprecatedCount: 0,
    };
    if (value) addVersion(record, newHistory(), token, [CURRENT], now);
    const ops = input.AddReplicaRegions ? await addReplicas(ctx, record, input.AddReplicaRegions, input.ForceOverwriteReplicaSecret ?? false) : [];
    await commitChange(ctx, undefined, { after: record, plaintexts: value && new Map([[token, value]]), ops, result: undefined });
    return { ARN: record.arn, Name: name, VersionId: value ? token : undefined, ReplicationStatus: replicationStatus(record) };
  });
}
