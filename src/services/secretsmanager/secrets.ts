// Finding secrets and changing them. Every change to a secret runs under one lock per account
// and name and commits in one batch: the record, its index entries and its encrypted values,
// in its own region and in every replica region.
//
// Replicas are copies written in the same batch as their primary (copy on write), not pointers
// read through: a replica region then answers every read, listing and sort order from its own
// tables with its own KMS key, exactly like a standalone secret, and StopReplicationToReplica
// only has to drop the link. The lock is per name across regions, so a primary and its
// replicas always change together.
import { noteResource } from '../../pipeline/context';
import { purging, type BatchOp, type Store } from '../../store/store';
import type { SecretsManagerContext } from './context';
import { openValue, sealValue } from './envelope';
import { arnInRegion, checkSecretId, parseSecretId } from './identifiers';
import { bothValues, markedForDeletion, replicaWrite, secretNotFound } from './messages';
import { copyRecord, type ReplicaState, type SecretRecord, type SecretValue, type VersionMeta } from './records';
import { SecretRepository } from './repository';
import { newHistory, settle, upgradeRecord, type History } from './versions';

const repositories = new WeakMap<Store, SecretRepository>();

export function repository(store: Store): SecretRepository {
  let repo = repositories.get(store);
  if (!repo) {
    repo = new SecretRepository(store);
    repositories.set(store, repo);
  }
  return repo;
}

/** The service's tables as handlers reach them: through the repository, never the store itself. */
export function secretsOf(ctx: SecretsManagerContext): SecretRepository {
  return repository(ctx.deps.store);
}

/** 00:00 UTC of the day: AWS reports LastAccessedDate at day precision. */
const dayStart = (now: Date) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());

/** One lock per account and name, across regions: a primary and its replicas change together. */
export const lockKey = (accountId: string, name: string) => `secretsmanager/${accountId}/${name}`;

export function withSecretLock<T>(ctx: SecretsManagerContext, accountId: string, name: string, fn: () => Promise<T>): Promise<T> {
  return ctx.deps.store.locks.run(lockKey(accountId, name), fn);
}

/** The secret a SecretId names in the caller's region, if any: findSecret and authorization resolve secrets with it. */
export async function lookupSecret(ctx: SecretsManagerContext, secretId: string): Promise<SecretRecord | undefined> {
  const ref = parseSecretId(secretId, ctx);
  const record = ref && (await repository(ctx.deps.store).get(ref.accountId, ctx.region, ref.name));
  return record && (ref.arn === undefined || ref.arn === record.arn) ? record : undefined;
}

/** The secret a SecretId names in the caller's region, or ResourceNotFoundException. */
export async function findSecret(ctx: SecretsManagerContext, secretId: string): Promise<SecretRecord> {
  checkSecretId(secretId);
  const record = await lookupSecret(ctx, secretId);
  if (!record) throw secretNotFound();
  // The one place a Secrets Manager call resolves its secret: authorization and the audit trail look here.
  noteResource(ctx, { type: 'AWS::SecretsManager::Secret', arn: record.arn, accountId: record.accountId });
  return record;
}

export function checkNotDeleted(record: SecretRecord): void {
  if (record.deletedAt !== undefined) throw markedForDeletion();
}

/** What a change to a secret stores besides the record itself. */
export interface Change<T> {
  /** The primary's new state; undefined = nothing to write. */
  after?: SecretRecord;
  /** Values of versions that are new in `after`. */
  plaintexts?: Map<string, SecretValue>;
  /** Existing versions to encrypt again under the primary's (new) key. */
  reseal?: string[];
  /** Further ops for the same batch, applied before the record's own (e.g. clearing a replica region). */
  ops?: BatchOp[];
  result: T;
}

/**
 * Read-modify-write of a secret under its lock: `change` gets the record as it is now (read
 * again inside the lock, as a copy in the current layout) and a History to note what happens
 * to its deprecated versions, and returns its new state. Replicas are read-only; secrets marked
 * for deletion only where `allowDeleted`.
 */
export async function updateSecret<T>(
  ctx: SecretsManagerContext,
  secretId: string,
  options: { allowDeleted?: boolean },
  change: (record: SecretRecord, history: History) => Change<T> | Promise<Change<T>>,
): Promise<T> {
  const found = await findSecret(ctx, secretId);
  return withSecretLock(ctx, found.accountId, found.name, async () => {
    const record = await repository(ctx.deps.store).get(found.accountId, ctx.region, found.name);
    if (!record || record.arn !== found.arn) throw secretNotFound();
    if (record.primaryRegion !== undefined) throw replicaWrite();
    if (!options.allowDeleted) checkNotDeleted(record);
    const copy = copyRecord(record);
    upgradeRecord(copy);
    const history = newHistory();
    const result = await change(copy, history);
    await commitChange(ctx, record, result, history);
    return result.result;
  });
}

/**
 * Commits a change in one batch. The record leaves in the current layout: versions without
 * labels (a record of the old layout has them all) move to the deprecated versions' table.
 */
export async function commitChange(ctx: SecretsManagerContext, before: SecretRecord | undefined, change: Change<unknown>, history = newHistory()): Promise<void> {
  let ops: BatchOp[] = [];
  if (change.after) {
    upgradeRecord(change.after);
    settle(change.after, history);
    ops = await changeOps(ctx, before, change.after, change, history);
  }
  await ctx.deps.store.commit([...(change.ops ?? []), ...ops]);
}

/** The copy of a primary that lives in a replica region. */
function replicaCopy(primary: SecretRecord, replica: ReplicaState): SecretRecord {
  return {
    ...primary,
    arn: arnInRegion(primary.arn, replica.region),
    region: replica.region,
    kmsKeyId: replica.kmsKeyId,
    createdAt: replica.createdAt,
    lastAccessedAt: replica.lastAccessedAt,
    primaryRegion: primary.region,
    replicas: undefined,
  };
}

/** The primary and every replica kept in sync with it. */
function copiesOf(primary: SecretRecord | undefined): SecretRecord[] {
  if (!primary) return [];
  return [primary, ...(primary.replicas ?? []).filter((r) => r.status === 'InSync').map((r) => replicaCopy(primary, r))];
}

/** The value of a version as stored in a copy's region. */
export async function readValue(ctx: SecretsManagerContext, record: SecretRecord, versionId: string): Promise<SecretValue> {
  const stored = await repository(ctx.deps.store).getValue(record, versionId);
  if (!stored) throw new Error(`secret ${record.arn} has no value for version ${versionId}`);
  return openValue(ctx.kms, { principal: ctx.principal, accountId: record.accountId, region: record.region }, versionId, stored);
}

/** A secret's deprecated versions once `history` is applied (for a region that gets all of them). */
async function deprecatedAfter(ctx: SecretsManagerContext, before: SecretRecord | undefined, history: History): Promise<VersionMeta[]> {
  const stored = before ? await repository(ctx.deps.store).deprecated(before, {}) : [];
  const all = new Map([...stored, ...history.put].map((v) => [v.id, v]));
  for (const v of [...history.unlist, ...history.drop]) all.delete(v.id);
  return [...all.values()];
}

/**
 * The batch that takes a secret from `before` to `after` in every region it lives in: a copy
 * that existed gets the values of the new versions (sealed under its own region's key) and the
 * changes `history` notes; a new copy gets every version. Index entries move. A replica whose key
 * cannot be used is marked Failed and left as it was.
 */
async function changeOps(ctx: SecretsManagerContext, before: SecretRecord | undefined, after: SecretRecord, change: Change<unknown>, history: History): Promise<BatchOp[]> {
  const repo = repository(ctx.deps.store);
  const previous = new Map(copiesOf(before).map((c) => [c.region, c]));
  const plaintexts = new Map(change.plaintexts);
  const plaintext = async (versionId: string) => {
    let value = plaintexts.get(versionId);
    if (!value) {
      value = await readValue(ctx, before!, versionId);
      plaintexts.set(versionId, value);
    }
    return value;
  };
  const created = [...(change.plaintexts?.keys() ?? [])];
  let everything: Promise<VersionMeta[]> | undefined;

  const allOps: BatchOp[] = [];
  for (const copy of copiesOf(after)) {
    const existed = previous.has(copy.region);
    const deprecated = existed ? [] : await (everything ??= deprecatedAfter(ctx, before, history));
    // Versions a rotation made without a value have nothing to seal.
    const seal = existed
      ? [...created, ...(copy.region === after.region ? (change.reseal ?? []).filter((id) => !after.versions.find((v) => v.id === id)?.empty) : [])]
      : [...after.versions, ...deprecated].filter((v) => !v.empty).map((v) => v.id);
    const ops: BatchOp[] = [];
    try {
      for (const id of seal) {
        const scope = { principal: ctx.principal, accountId: copy.accountId, region: copy.region };
        ops.push(repo.putValue(copy, id, await sealValue(ctx.kms, scope, copy.kmsKeyId, copy.arn, id, await plaintext(id))));
      }
    } catch (err) {
      const replica = after.replicas?.find((r) => r.region === copy.region);
      if (copy.region === after.region || !replica || !(err instanceof Error)) throw err;
      replica.status = 'Failed';
      replica.statusMessage = err.message;
      continue;
    }
    if (existed) {
      for (const v of history.put) ops.push(...repo.putDeprecated(copy, v));
      for (const v of history.unlist) ops.push(...repo.delDeprecated(copy, v));
      // Pruned versions' values must not stay recoverable from the data dir's files.
      for (const v of history.drop) ops.push(...purging([...repo.delDeprecated(copy, v), repo.delValue(copy, v.id)]));
    } else {
      for (const v of deprecated) ops.push(...repo.putDeprecated(copy, v));
    }
    allOps.push(...ops);
  }

  for (const copy of copiesOf(after)) allOps.push(...repo.putRecord(previous.get(copy.region), copy));
  return allOps;
}

/** Records a read: the secret's and the version's LastAccessedDate, at day precision, written once a day. */
export async function touchAccess(ctx: SecretsManagerContext, record: SecretRecord, version: VersionMeta): Promise<void> {
  const today = dayStart(ctx.now);
  if (record.lastAccessedAt === today && version.lastAccessedAt === today) return;
  const primaryRegion = record.primaryRegion ?? record.region;
  await withSecretLock(ctx, record.accountId, record.name, async () => {
    const repo = repository(ctx.deps.store);
    const primary = await repo.get(record.accountId, primaryRegion, record.name);
    if (!primary || primary.arn !== arnInRegion(record.arn, primaryRegion)) return;
    const after = copyRecord(primary);
    const history = newHistory();
    // The version is in the record (labelled, or any in the old layout) or in the deprecated table.
    const inRecord = after.versions.find((v) => v.id === version.id);
    const deprecated = inRecord ? undefined : await repo.getDeprecated(after, version.id);
    if (inRecord) inRecord.lastAccessedAt = today;
    if (deprecated) history.put.push({ ...deprecated, lastAccessedAt: today });
    const replica = after.replicas?.find((r) => r.region === record.region);
    if (record.primaryRegion === undefined) after.lastAccessedAt = today;
    else if (replica) replica.lastAccessedAt = today;
    await commitChange(ctx, primary, { after, result: undefined }, history);
  });
}

/** The value a request carries (SecretString or SecretBinary, never both). */
export function inputValue(input: { SecretString?: string; SecretBinary?: Uint8Array }): SecretValue | undefined {
  if (input.SecretString !== undefined && input.SecretBinary !== undefined) throw bothValues();
  if (input.SecretBinary !== undefined) return { binary: Buffer.from(input.SecretBinary) };
  return input.SecretString === undefined ? undefined : { string: input.SecretString };
}

/** A secret value as GetSecretValue and BatchGetSecretValue return it. */
export function valueFields(value: SecretValue): { SecretString?: string; SecretBinary?: Uint8Array } {
  return value.binary !== undefined ? { SecretBinary: value.binary } : { SecretString: value.string };
}
