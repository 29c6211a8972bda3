import type { DeleteAliasRequest } from '@aws-sdk/client-kms';
import { checkAliasName } from '../aliases';
import type { KmsContext } from '../context';
import { aliasLock, aliasNotFound } from '../keys';

export async function DeleteAlias(ctx: KmsContext, input: DeleteAliasRequest): Promise<void> {
  const name = input.AliasName!;
  checkAliasName(name);
  const aliases = ctx.kms.repo.aliases(ctx.accountId, ctx.region);
  // Allowed whatever the state of the key it points at.
  await ctx.kms.deps.store.locks.run(aliasLock(ctx.accountId, ctx.region, name), async () => {
    if (!(await aliases.get(name))) throw aliasNotFound(ctx.accountId, ctx.region, name);
    await ctx.kms.deps.store.commit([aliases.del(name)]);
  });
}
