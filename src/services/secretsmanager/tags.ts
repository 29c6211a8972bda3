// Secrets Manager's tag rules beyond the model's lengths (keys 1–128, values 0–256 characters,
// checked with every request): at most 50 tags per secret, the `aws:` prefix reserved for AWS
// (in any letter case, as AWS's tagging rules say; such tags do not count towards the 50), and a
// key at most once per request. Tags merge by key through a Map, so a request costs time in
// proportion to its size and the secret's 50 tags, never their product.
import type { Tag } from '../../protocol/generated/secretsmanager';
import { InvalidParameterException } from '../../protocol/errors';

const MAX_TAGS = 50;

// Keys and values are optional in the model: a tag without one is kept as sent.
type Key = string | undefined;

const isSystemKey = (key: Key) => key?.toLowerCase().startsWith('aws:') ?? false;

/** AWS's answer to TagResource with an `aws:` key (as users quote it). */
const systemTag = (key: Key) => new InvalidParameterException(`You can't modify system tags. Tag key: '${key}'.`);

/** A request's tags by key, checked: no reserved key, no key twice. */
function requested(tags: Tag[]): Map<Key, Key> {
  const byKey = new Map<Key, Key>();
  for (const { Key: key, Value: value } of tags) {
    if (isSystemKey(key)) throw systemTag(key);
    if (byKey.has(key)) throw new InvalidParameterException(`You can't use the same tag key more than once in a request. Tag key: '${key}'.`);
    byKey.set(key, value);
  }
  return byKey;
}

/** `existing` with `added` merged in: a known key keeps its place and takes the new value, new keys come last. */
export function mergeTags(existing: Tag[] | undefined, added: Tag[]): Tag[] {
  const merged = new Map<Key, Key>((existing ?? []).map((t) => [t.Key, t.Value]));
  for (const [key, value] of requested(added)) merged.set(key, value);
  let counted = 0;
  for (const key of merged.keys()) if (!isSystemKey(key)) counted++;
  if (counted > MAX_TAGS) throw new InvalidParameterException(`You can't attach more than ${MAX_TAGS} tags to a secret.`);
  return [...merged].map(([Key, Value]) => ({ Key, Value }));
}

/** `existing` without the keys given; system tags cannot be removed. */
export function removeTags(existing: Tag[] | undefined, keys: string[]): Tag[] {
  const removed = new Set<Key>();
  for (const key of keys) {
    if (isSystemKey(key)) throw systemTag(key);
    removed.add(key);
  }
  return (existing ?? []).filter((t) => !removed.has(t.Key));
}
