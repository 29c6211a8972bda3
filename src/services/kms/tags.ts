// KMS tag rules beyond the model's lengths (FIDELITY B16): reserved `aws:` prefix, duplicate
// keys in one request, at most 50 tags on a key. Retagging a key overwrites its value.
import type { Tag } from '../../protocol/generated/kms';
import { TagException } from '../../protocol/errors';
import type { TagRecord } from './records';

const MAX_TAGS = 50;

export function checkNewTags(tags: Tag[]): void {
  const keys = new Set<string>();
  for (const { TagKey } of tags) {
    if (TagKey.toLowerCase().startsWith('aws:')) throw new TagException('Tags beginning with aws: are reserved');
    if (keys.has(TagKey)) throw new TagException('Duplicate tag keys');
    keys.add(TagKey);
  }
  if (tags.length > MAX_TAGS) throw new TagException('Too many tags');
}

/** `existing` with `added` merged in: a key keeps its place and takes the new value. */
export function mergeTags(existing: TagRecord[], added: Tag[]): TagRecord[] {
  checkNewTags(added);
  const merged = new Map(existing.map((t) => [t.TagKey, t.TagValue]));
  for (const { TagKey, TagValue } of added) merged.set(TagKey, TagValue);
  if (merged.size > MAX_TAGS) throw new TagException('Too many tags');
  return [...merged].map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
}
