import type { ListResourceTagsRequest, ListResourceTagsResponse } from '../../../protocol/generated/kms';
import { InvalidMarkerException } from '../../../protocol/errors';
import type { KmsContext } from '../context';
import { findOwnKey } from '../management';
import { paginate } from '../paging';

/** AWS documents 50 (the most tags a key can have) as both the default and the maximum. */
const MAX_TAGS_PAGE = 50;

export async function ListResourceTags(ctx: KmsContext, input: ListResourceTagsRequest): Promise<ListResourceTagsResponse> {
  const key = await findOwnKey(ctx, input.KeyId);
  // The marker is the position of the next tag: the list is short and has no sort key.
  const start = input.Marker === undefined ? 0 : Number(input.Marker);
  if (!Number.isInteger(start) || start < 0 || start > key.tags.length) throw new InvalidMarkerException('Invalid marker');
  const limit = Math.min(input.Limit ?? MAX_TAGS_PAGE, MAX_TAGS_PAGE);
  const numbered = key.tags.slice(start, start + limit + 1).map((tag, i) => ({ tag, next: start + i + 1 }));
  const { items, NextMarker, Truncated } = paginate(numbered, limit, (item) => String(item.next));
  return { Tags: items.map(({ tag }) => ({ TagKey: tag.TagKey, TagValue: tag.TagValue })), NextMarker, Truncated };
}
