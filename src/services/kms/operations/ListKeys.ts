import type { ListKeysRequest, ListKeysResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { keyArn } from '../identifiers';
import { DEFAULT_LIMIT, paginate } from '../paging';

export async function ListKeys(ctx: KmsContext, input: ListKeysRequest): Promise<ListKeysResponse> {
  // Every key of the account and region, in any state. The marker is the last key id seen, so
  // a page is a range scan and paging stays exact while keys are created and deleted.
  const limit = input.Limit ?? DEFAULT_LIMIT;
  const ids = await ctx.kms.repo.keys(ctx.accountId, ctx.region).keys({ gt: input.Marker, limit: limit + 1 });
  const { items, NextMarker, Truncated } = paginate(ids, limit, (id) => id);
  return { Keys: items.map((KeyId) => ({ KeyId, KeyArn: keyArn(ctx.region, ctx.accountId, KeyId) })), NextMarker, Truncated };
}
