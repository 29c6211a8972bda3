import type { CreateAliasRequest } from '../../../protocol/generated/kms';
import { AlreadyExistsException } from '../../../protocol/errors';
import { checkAliasName } from '../aliases';
import type { KmsContext } from '../context';
import { aliasArn } from '../identifiers';
import { changeCustomerKey } from '../management';

export async function CreateAlias(ctx: KmsContext, input: CreateAliasRequest): Promise<void> {
  const name = input.AliasName;
  checkAliasName(name);
  const aliases = ctx.kms.repo.aliases(ctx.accountId, ctx.region);
  // Alias lock, then the target key's lock: the alias is written while the key is known to be
  // a customer managed key of this account that is not pending deletion.
  await ctx.kms.withAliasLock(ctx, name, () =>
    changeCustomerKey(ctx, input.TargetKeyId, 'CreateAlias', 'manage', async (key) => {
      if (await aliases.get(name)) throw new AlreadyExistsException(`An alias with the name ${aliasArn(ctx.region, ctx.accountId, name)} already exists`);
      const now = ctx.now.getTime();
      return { ops: [aliases.put(name, { aliasName: name, targetKeyId: key.keyId, createdAt: now, updatedAt: now })], result: undefined };
    }),
  );
}
