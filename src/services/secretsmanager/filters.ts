// ListSecrets filters, with AWS's matching rules (FIDELITY A9, API_Filter): name, tag-key,
// tag-value, primary-region and owning-service match as case-sensitive prefixes; description
// matches word by word, case-insensitively (every filter word starts some description word);
// `all` breaks the value into words at case changes, letter/digit changes and punctuation and
// matches them the same way against name, description, tag keys and tag values. A leading `!`
// negates a value; the values of a filter are ORed, filters are ANDed.
import type { Filter } from '../../protocol/generated/secretsmanager';
import { primaryRegionOf, type SecretRecord } from './records';

const spaced = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);

/** `credsDatabase#892` → creds, database, 892 */
function searchWords(text: string): string[] {
  return text
    .split(/[^A-Za-z0-9]+/)
    .flatMap((part) => part.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? [])
    .map((w) => w.toLowerCase());
}

/** Every word of `wanted` starts some word of `have`. */
const wordsMatch = (wanted: string[], have: string[]) => wanted.length > 0 && wanted.every((w) => have.some((h) => h.startsWith(w)));

const anyPrefix = (values: (string | undefined)[], prefix: string) => values.some((v) => v !== undefined && v.startsWith(prefix));

function matchesValue(record: SecretRecord, key: Filter['Key'], value: string): boolean {
  const tags = record.tags ?? [];
  switch (key) {
    case 'name':
      return record.name.startsWith(value);
    case 'description':
      return wordsMatch(spaced(value), spaced(record.description ?? ''));
    case 'tag-key':
      return anyPrefix(tags.map((t) => t.Key), value);
    case 'tag-value':
      return anyPrefix(tags.map((t) => t.Value), value);
    case 'primary-region':
      // A secret that is not replicated has no primary Region to match.
      return anyPrefix([primaryRegionOf(record)], value);
    case 'owning-service':
      // Secrets owned by other AWS services are not emulated.
      return false;
    // `all`, and a filter without a Key (the model makes it optional).
    default: {
      const fields = [record.name, record.description ?? '', ...tags.flatMap((t) => [t.Key ?? '', t.Value ?? ''])];
      return wordsMatch(searchWords(value), fields.flatMap(searchWords));
    }
  }
}

export function matchesFilters(record: SecretRecord, filters: Filter[] | undefined): boolean {
  return (filters ?? []).every((filter) =>
    (filter.Values ?? []).some((raw) => {
      const negated = raw.startsWith('!');
      return matchesValue(record, filter.Key, negated ? raw.slice(1) : raw) !== negated;
    }),
  );
}

/**
 * What the `name` filters alone decide, for a listing to test names before it reads records:
 * filters are ANDed, so a name they reject is rejected by all. Undefined without name filters.
 */
export function nameFilter(filters: Filter[] | undefined): ((name: string) => boolean) | undefined {
  const byName = (filters ?? []).filter((f) => f.Key === 'name');
  if (byName.length === 0) return undefined;
  // A `name` filter reads nothing of the record but its name.
  return (name) => matchesFilters({ name } as SecretRecord, byName);
}
