// The one place Secrets Manager touches the store. Per account and region:
//   secrets   name → SecretRecord (its key order is the `name` sort of ListSecrets)
//   values    "<name> <versionId>" → ValueRecord (names hold no spaces, so a name's values
//             are one key range)
//   deprecated       "<name> <position>" → VersionMeta of a deprecated version, where the
//                    position is "<zero-padded createdAt> <zero-padded seq>": creation order, so
//                    listing them is a range scan and the oldest come first
//   deprecated-ids   "<name> <versionId>" → its position, to find one by id
//   by-created, by-changed, by-accessed   "<zero-padded ms> <name>" → name: the other sort
//             orders of ListSecrets, so a page is a range scan of that page
// and, in the job schedule (src/jobs), the purge of each secret marked for deletion at the end
// of its recovery window. Index and schedule entries are written in the same batch as the
// record they index. Secret records are read on every call that names a secret: the store
// keeps up to RECORD_CACHE of them parsed (frozen, dropped by every commit that writes them),
// so callers change a copy, never a record they were given.
import { Schedule, type Job } from '../../jobs/schedule';
import type { BatchOp, Store, Table } from '../../store/store';
import type { SecretRecord, ValueRecord, VersionMeta } from './records';

const SERVICE = 'secretsmanager';
/** Secret records kept parsed per account and region: metadata only, about 1 KB each. */
const RECORD_CACHE = 10_000;
/**
 * Value records read recently, per place: they hold what the disk holds (the data key's KMS
 * ciphertext and the AES-GCM ciphertext), and keeping them saves GetSecretValue a LevelDB read.
 * While one is cached, envelope.ts keeps its opened value with it, in memory only (security.md).
 * Fewer than the records: each is the size of its value.
 */
const VALUE_CACHE = 1_000;

export type SortBy = 'created-date' | 'last-accessed-date' | 'last-changed-date' | 'name';
type IndexKind = 'by-created' | 'by-changed' | 'by-accessed';

const INDEX_OF: Record<Exclude<SortBy, 'name'>, IndexKind> = {
  'created-date': 'by-created',
  'last-changed-date': 'by-changed',
  'last-accessed-date': 'by-accessed',
};

/** The job that purges a secret at the end of its recovery window (deletion.ts runs it). */
export const PURGE_SECRET = 'secretsmanager:purge-secret';

type SecretRef = Pick<SecretRecord, 'accountId' | 'region' | 'name' | 'arn'>;

function purgeJob(due: number, { accountId, region, name, arn }: SecretRef): Job {
  return { due, kind: PURGE_SECRET, resource: { accountId, region, id: name, arn } };
}

const pad = (ms: number) => String(Math.max(0, Math.trunc(ms))).padStart(15, '0');

function indexKeys(record: SecretRecord): Record<IndexKind, string> {
  return {
    'by-created': `${pad(record.createdAt)} ${record.name}`,
    'by-changed': `${pad(record.lastChangedAt)} ${record.name}`,
    'by-accessed': `${pad(record.lastAccessedAt ?? 0)} ${record.name}`,
  };
}

const valueKey = (name: string, versionId: string) => `${name} ${versionId}`;

/** Where a version sorts among its secret's versions: creation time, then creation order. */
export const versionPosition = (createdAt: number, seq: number) => `${pad(createdAt)} ${pad(seq)}`;
export const isVersionPosition = (value: string) => /^\d{15} \d{15}$/.test(value);
const positionOf = (version: VersionMeta) => versionPosition(version.createdAt, version.seq ?? 0);

/** Every key of one secret in a table whose keys start with "<name> ". */
const allOf = (name: string) => ({ gte: `${name} `, lt: `${name}!` });

export class SecretRepository {
  private readonly schedule: Schedule;

  constructor(readonly store: Store) {
    this.schedule = new Schedule(store);
  }

  secrets(accountId: string, region: string): Table<SecretRecord> {
    return this.store.table<SecretRecord>(accountId, region, SERVICE, 'secrets', RECORD_CACHE);
  }

  values(accountId: string, region: string): Table<ValueRecord> {
    return this.store.table<ValueRecord>(accountId, region, SERVICE, 'values', VALUE_CACHE);
  }

  private index(accountId: string, region: string, kind: IndexKind): Table<string> {
    return this.store.table<string>(accountId, region, SERVICE, kind);
  }

  /** A secret's deprecated versions by position, and the position of each by id. */
  private deprecatedTables(record: SecretRecord): { byPosition: Table<VersionMeta>; ids: Table<string> } {
    return {
      byPosition: this.store.table<VersionMeta>(record.accountId, record.region, SERVICE, 'deprecated'),
      ids: this.store.table<string>(record.accountId, record.region, SERVICE, 'deprecated-ids'),
    };
  }

  get(accountId: string, region: string, name: string): Promise<SecretRecord | undefined> {
    return this.secrets(accountId, region).get(name);
  }

  /** Puts a record and moves its index entries from where `before` had them. */
  putRecord(before: SecretRecord | undefined, after: SecretRecord): BatchOp[] {
    const ops = [this.secrets(after.accountId, after.region).put(after.name, after)];
    const old = before ? indexKeys(before) : undefined;
    for (const [kind, key] of Object.entries(indexKeys(after)) as [IndexKind, string][]) {
      if (old?.[kind] === key) continue;
      const table = this.index(after.accountId, after.region, kind);
      if (old) ops.push(table.del(old[kind]));
      ops.push(table.put(key, after.name));
    }
    return ops;
  }

  /** Removes a record, its index entries and every version (value and metadata) it has in its region. */
  async removeRecord(record: SecretRecord): Promise<BatchOp[]> {
    const { accountId, region, name } = record;
    const ops = [this.secrets(accountId, region).del(name)];
    for (const [kind, key] of Object.entries(indexKeys(record)) as [IndexKind, string][]) ops.push(this.index(accountId, region, kind).del(key));
    const { byPosition, ids } = this.deprecatedTables(record);
    for (const table of [this.values(accountId, region), byPosition, ids] as Table<unknown>[]) {
      for (const key of await table.keys(allOf(name))) ops.push(table.del(key));
    }
    return ops;
  }

  putValue(record: SecretRecord, versionId: string, value: ValueRecord): BatchOp {
    return this.values(record.accountId, record.region).put(valueKey(record.name, versionId), value);
  }

  delValue(record: SecretRecord, versionId: string): BatchOp {
    return this.values(record.accountId, record.region).del(valueKey(record.name, versionId));
  }

  getValue(record: SecretRecord, versionId: string): Promise<ValueRecord | undefined> {
    return this.values(record.accountId, record.region).get(valueKey(record.name, versionId));
  }

  getValues(record: SecretRecord, versionIds: string[]): Promise<(ValueRecord | undefined)[]> {
    return this.values(record.accountId, record.region).getMany(versionIds.map((id) => valueKey(record.name, id)));
  }

  /** A deprecated version of the secret, by id. */
  async getDeprecated(record: SecretRecord, versionId: string): Promise<VersionMeta | undefined> {
    const { byPosition, ids } = this.deprecatedTables(record);
    const position = await ids.get(valueKey(record.name, versionId));
    return position === undefined ? undefined : byPosition.get(`${record.name} ${position}`);
  }

  /** Deprecated versions in creation order: after `position` (exclusive), or those created at or before `createdUpTo`. */
  async deprecated(record: SecretRecord, options: { after?: string; createdUpTo?: number; limit?: number }): Promise<VersionMeta[]> {
    const { name } = record;
    const range = allOf(name);
    const bounds = {
      ...(options.after === undefined ? { gte: range.gte } : { gt: `${name} ${options.after}` }),
      lt: options.createdUpTo === undefined ? range.lt : `${name} ${pad(options.createdUpTo + 1)}`,
    };
    const entries = await this.deprecatedTables(record).byPosition.range({ ...bounds, limit: options.limit });
    return entries.map(([, version]) => version);
  }

  /** Writes (or rewrites) a deprecated version's entry. */
  putDeprecated(record: SecretRecord, version: VersionMeta): BatchOp[] {
    const { byPosition, ids } = this.deprecatedTables(record);
    const position = positionOf(version);
    return [byPosition.put(`${record.name} ${position}`, version), ids.put(valueKey(record.name, version.id), position)];
  }

  /** Removes a deprecated version's entry (its value stays). */
  delDeprecated(record: SecretRecord, version: VersionMeta): BatchOp[] {
    const { byPosition, ids } = this.deprecatedTables(record);
    return [byPosition.del(`${record.name} ${positionOf(version)}`), ids.del(valueKey(record.name, version.id))];
  }

  /** The purge job of a secret that has just been given its DeletionDate. */
  scheduleDeletion(record: SecretRecord): BatchOp {
    return this.schedule.put(purgeJob(record.deletionDate!, record));
  }

  /** Removes the purge job of a secret (`record` still has its DeletionDate). */
  unscheduleDeletion(record: SecretRecord): BatchOp {
    return this.schedule.del(purgeJob(record.deletionDate!, record));
  }

  /** Ops that move the purges releases before the job schedule kept in `deletions` ("<zero-padded due ms> <account> <region> <name>") onto it. */
  migrateDeletions(): Promise<BatchOp[]> {
    const old = this.store.table<SecretRef>('_', '_', SERVICE, 'deletions');
    return this.schedule.adopt(old, (key, secret) => purgeJob(Number(key.split(' ')[0]), secret));
  }

  /**
   * One page of the secrets of a region in a sort order, strictly after `after` (a key of that
   * order): every entry with its key, so a page token can name where it stopped, and its record.
   * In the date orders the index holds names, so `keep` can turn a name down before its record
   * is read (that entry comes back without one). Records of a page come in one getMany, around
   * the record cache, so a listing of many secrets does not push the hot ones out of it.
   */
  async page(
    accountId: string,
    region: string,
    sortBy: SortBy,
    descending: boolean,
    after: string | undefined,
    limit: number,
    keep?: (name: string) => boolean,
  ): Promise<{ key: string; record: SecretRecord | undefined }[]> {
    const bounds = after === undefined ? {} : descending ? { lt: after } : { gt: after };
    if (sortBy === 'name') {
      const entries = await this.secrets(accountId, region).range({ ...bounds, limit, reverse: descending });
      return entries.map(([key, record]) => ({ key, record }));
    }
    const entries = await this.index(accountId, region, INDEX_OF[sortBy]).range({ ...bounds, limit, reverse: descending });
    const kept = entries.map(([, name]) => !keep || keep(name));
    const names = entries.filter((_, i) => kept[i]).map(([, name]) => name);
    const records = names.length > 0 ? await this.secrets(accountId, region).getMany(names) : [];
    let next = 0;
    return entries.map(([key], i) => ({ key, record: kept[i] ? records[next++] : undefined }));
  }
}
