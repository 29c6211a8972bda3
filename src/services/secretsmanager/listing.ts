// Listing secrets in one region: a range scan of the index for the sort order, filtered as it
// goes (name filters already on the index entries, before a record is read). A page ends after
// MaxResults matches, or after scanning a bounded number of entries (then it may hold fewer, as
// AWS's pages may), and its NextToken is the sort key where it stopped, so pages stay right
// while secrets are created and deleted between calls.
import type { Filter } from '../../protocol/generated/secretsmanager';
import { InvalidNextTokenException } from '../../protocol/errors';
import type { SecretsManagerContext } from './context';
import { matchesFilters, nameFilter } from './filters';
import type { SecretRecord } from './records';
import type { SortBy } from './repository';
import { repository } from './secrets';
import { decodeToken, encodeToken } from './tokens';

/** Index entries read at a time: at least a page and one more (the one that says a next page exists). */
const CHUNK = 100;
const SCAN_BUDGET = 1000;

export interface ListQuery {
  filters?: Filter[];
  includeDeleted?: boolean;
  sortBy?: SortBy;
  sortOrder?: 'asc' | 'desc';
  maxResults: number;
  nextToken?: string;
}

interface Position {
  sortBy: SortBy;
  sortOrder: string;
  key: string;
}

export async function listSecrets(ctx: SecretsManagerContext, query: ListQuery): Promise<{ records: SecretRecord[]; nextToken?: string }> {
  const sortBy = query.sortBy ?? 'created-date';
  const sortOrder = query.sortOrder ?? 'asc';
  const start = decodeToken<Position>(query.nextToken, (t) => typeof t.key === 'string');
  if (start && (start.sortBy !== sortBy || start.sortOrder !== sortOrder)) throw new InvalidNextTokenException('The NextToken value is invalid.');
  const token = (key: string) => encodeToken({ sortBy, sortOrder, key } satisfies Position);
  const wanted = (record: SecretRecord) => (query.includeDeleted || record.deletedAt === undefined) && matchesFilters(record, query.filters);
  const byName = nameFilter(query.filters);

  const repo = repository(ctx.deps.store);
  const records: SecretRecord[] = [];
  let lastKept: string | undefined;
  let after = start?.key;
  let scanned = 0;
  const chunk = Math.min(Math.max(CHUNK, query.maxResults + 1), SCAN_BUDGET);
  for (;;) {
    const entries = await repo.page(ctx.accountId, ctx.region, sortBy, sortOrder === 'desc', after, chunk, byName);
    for (const { key, record } of entries) {
      if (record && wanted(record)) {
        // One match beyond the page: there is a next page, starting after the last one kept.
        if (records.length === query.maxResults) return { records, nextToken: token(lastKept!) };
        records.push(record);
        lastKept = key;
      }
      after = key;
      if (++scanned >= SCAN_BUDGET) return { records, nextToken: token(records.length === query.maxResults ? lastKept! : key) };
    }
    if (entries.length < chunk) return { records };
  }
}
