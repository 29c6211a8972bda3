// Key deletion on the emulated clock. ScheduleKeyDeletion writes the key and an entry in one
// global schedule table, keyed by zero-padded due time, so a sweep is a range scan up to now.
// When the clock passes DeletionDate the sweep purges the key and its aliases in one batch;
// afterwards the key is simply not found, as on AWS, and its sealed material is gone from the
// data dir's files too (the sweep returns once the store has scrubbed them).
import { purging, type BatchOp } from '../../store/store';
import type { KmsEngine } from './engine';
import { aliasesOf } from './aliases';
import { keyArn } from './identifiers';
import { aliasLock } from './keys';
import type { KeyRecord } from './records';

interface ScheduledDeletion {
  accountId: string;
  region: string;
  keyId: string;
}

/** Epoch milliseconds, zero-padded so the keys sort in time order. */
const TIME_DIGITS = 15;
const SWEEP_BATCH = 500;

function schedule(engine: KmsEngine) {
  return engine.deps.store.table<ScheduledDeletion>('_', '_', 'kms', 'deletions');
}

function entryKey(due: number, key: Pick<KeyRecord, 'accountId' | 'region' | 'keyId'>): string {
  return `${String(due).padStart(TIME_DIGITS, '0')}/${key.accountId}/${key.region}/${key.keyId}`;
}

/** The schedule entry for a key that has just been given its DeletionDate. */
export function scheduleDeletion(engine: KmsEngine, key: KeyRecord): BatchOp {
  return schedule(engine).put(entryKey(key.deletionDate!, key), { accountId: key.accountId, region: key.region, keyId: key.keyId });
}

/** Removes the schedule entry of a key whose deletion is cancelled (`key` still has its DeletionDate). */
export function unscheduleDeletion(engine: KmsEngine, key: KeyRecord): BatchOp {
  return schedule(engine).del(entryKey(key.deletionDate!, key));
}

/** Purges every key whose DeletionDate is at or before `now`. */
export async function sweepDeletions(engine: KmsEngine, now: Date): Promise<void> {
  const table = schedule(engine);
  const end = String(now.getTime() + 1).padStart(TIME_DIGITS, '0');
  for (;;) {
    const due = await table.range({ lt: end, limit: SWEEP_BATCH });
    for (const [entry, target] of due) await purge(engine, entry, target, now);
    if (due.length < SWEEP_BATCH) break;
  }
  await engine.deps.store.scrubbed();
}

/**
 * Deletes one due key, its aliases and its schedule entry in one batch. The alias locks are
 * taken before the key lock (the order CreateAlias and UpdateAlias use); once a key is pending
 * deletion no alias can be pointed at it, so the aliases found first are all there can be.
 */
async function purge(engine: KmsEngine, entry: string, target: ScheduledDeletion, now: Date): Promise<void> {
  const { store } = engine.deps;
  const { accountId, region, keyId } = target;
  const aliasTable = engine.repo.aliases(accountId, region);
  const names = (await aliasesOf(engine, accountId, region, keyId)).map((a) => a.aliasName);
  const locked = names.reduceRight<() => Promise<void>>(
    (inner, name) => () => store.locks.run(aliasLock(accountId, region, name), inner),
    () =>
      // The key's lock is its ARN, as KmsEngine.updateKey takes it.
      store.locks.run(keyArn(region, accountId, keyId), async () => {
        const ops: BatchOp[] = [schedule(engine).del(entry)];
        const key = await engine.repo.keys(accountId, region).get(keyId);
        if (key?.state === 'PendingDeletion' && key.deletionDate! <= now.getTime()) {
          ops.push(engine.repo.keys(accountId, region).del(keyId));
          const current = await aliasTable.getMany(names);
          for (const alias of current) if (alias?.targetKeyId === keyId) ops.push(aliasTable.del(alias.aliasName));
        }
        await store.commit(purging(ops));
        engine.vault.forget(keyArn(region, accountId, keyId));
      }),
  );
  await locked();
}
