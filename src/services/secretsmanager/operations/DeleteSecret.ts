import type { DeleteSecretRequest, DeleteSecretResponse } from '../../../protocol/generated/secretsmanager';
import { InvalidParameterException, InvalidRequestException, ResourceNotFoundException } from '../../../protocol/errors';
import type { SecretsManagerContext } from '../context';
import { purgeOps } from '../deletion';
import { checkSecretId, nameOf, newArnSuffix, secretArn } from '../identifiers';
import { secretsOf, updateSecret } from '../secrets';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_WINDOW_DAYS = 30;

export async function DeleteSecret(ctx: SecretsManagerContext, input: DeleteSecretRequest): Promise<DeleteSecretResponse> {
  const secretId = input.SecretId;
  checkSecretId(secretId);
  const force = input.ForceDeleteWithoutRecovery ?? false;
  if (force && input.RecoveryWindowInDays !== undefined) {
    throw new InvalidParameterException("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
  }
  const days = input.RecoveryWindowInDays ?? DEFAULT_WINDOW_DAYS;
  if (days < 7 || days > 30) throw new InvalidParameterException('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');

  const now = ctx.now.getTime();
  try {
    return await updateSecret(ctx, secretId, { allowDeleted: true }, async (record) => {
      if (record.replicas?.length) {
        const regions = record.replicas.map((r) => r.region).join(', ');
        throw new InvalidParameterException(`You can't delete secret ${record.arn} that still has replica regions [${regions}].`);
      }
      const answer = { ARN: record.arn, Name: record.name };
      if (force) return { ops: await purgeOps(secretsOf(ctx), record), result: { ...answer, DeletionDate: ctx.now } };
      if (record.deletedAt !== undefined) {
        throw new InvalidRequestException("You tried to perform the operation on a secret that's currently marked deleted.");
      }
      record.deletedAt = now;
      record.deletionDate = now + days * DAY_MS;
      return {
        after: record,
        ops: [secretsOf(ctx).scheduleDeletion(record)],
        result: { ...answer, DeletionDate: new Date(record.deletionDate) },
      };
    });
  } catch (err) {
    // Forced deletion of a secret that does not exist succeeds, as on AWS.
    if (!(force && err instanceof ResourceNotFoundException)) throw err;
    const name = nameOf(secretId);
    return { ARN: secretArn(ctx.region, ctx.accountId, name, newArnSuffix()), Name: name, DeletionDate: ctx.now };
  }
}
