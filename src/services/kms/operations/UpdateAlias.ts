import type { UpdateAliasRequest } from '../../../protocol/generated/kms';
import { ValidationException } from '../../../protocol/errors';
import { checkAliasName } from '../aliases';
import type { KmsContext } from '../context';
import { keySpecInfo } from '../crypto/specs';
import { aliasArn } from '../identifiers';
import { aliasNotFound } from '../keys';
import { changeCustomerKey } from '../management';
import type { KeyRecord } from '../records';

/** AWS's key types for UpdateAlias: symmetric, asymmetric or HMAC. */
function keyType(key: KeyRecord): string {
  const { family } = keySpecInfo(key.keySpec);
  return family === 'SYMMETRIC' || family === 'HMAC' ? family : 'ASYMMETRIC';
}

export async function UpdateAlias(ctx: KmsContext, input: UpdateAliasRequest): Promise<void> {
  const name = input.AliasName;
  checkAliasName(name);
  const aliases = ctx.kms.repo.aliases(ctx.accountId, ctx.region);
  await ctx.kms.withAliasLock(ctx, name, async () => {
    const alias = await aliases.get(name);
    if (!alias) throw aliasNotFound(ctx.accountId, ctx.region, name);
    const current = await ctx.kms.repo.keys(ctx.accountId, ctx.region).get(alias.targetKeyId);
    // The current key may be pending deletion; the new one may not.
    await changeCustomerKey(ctx, input.TargetKeyId, 'UpdateAlias', 'manage', (key) => {
      // AWS: the new key must be of the same type and key usage, so code using the alias keeps working.
      if (current && (keyType(current) !== keyType(key) || current.keyUsage !== key.keyUsage)) {
        throw new ValidationException(
          `${aliasArn(ctx.region, ctx.accountId, name)} cannot be pointed at ${key.arn}: the current and the new key must have the same key type and key usage.`,
        );
      }
      return { ops: [aliases.put(name, { ...alias, targetKeyId: key.keyId, updatedAt: ctx.now.getTime() })], result: undefined };
    });
  });
}
