// KMS list pages: at most Limit entries, `Truncated`, and a `NextMarker` only when truncated.
// Callers fetch one entry more than the limit, so a page that ends the list says so.

/** AWS's default page size for ListKeys and ListAliases. */
export const DEFAULT_LIMIT = 100;

interface Page<T> {
  items: T[];
  NextMarker?: string;
  Truncated: boolean;
}

/** The page of `fetched` (up to limit + 1 entries): the marker names its last entry. */
export function paginate<T>(fetched: T[], limit: number, markerOf: (item: T) => string): Page<T> {
  if (fetched.length <= limit) return { items: fetched, Truncated: false };
  const items = fetched.slice(0, limit);
  return { items, NextMarker: markerOf(items[limit - 1]), Truncated: true };
}
