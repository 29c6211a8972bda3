import type { DeleteAliasRequest } from '../../../protocol/generated/kms';
import { checkAliasName } from '../aliases';
import type { KmsContext } from '../context';

export async function DeleteAlias(ctx: KmsContext, input: DeleteAliasRequest): Promise<void> {
  const name = input.AliasName;
  checkAliasName(name);
  await ctx.kms.deleteAlias(ctx, name);
}
