import type { DescribeKeyRequest, DescribeKeyResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { keyMetadata } from '../keys';

export async function DescribeKey(ctx: KmsContext, input: DescribeKeyRequest): Promise<DescribeKeyResponse> {
  // Aliases are accepted; an AWS managed alias not used yet creates its key (as AWS documents).
  return { KeyMetadata: keyMetadata(await ctx.kms.findKey(ctx, input.KeyId, { aliases: true })) };
}
