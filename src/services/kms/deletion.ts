// Key deletion on the emulated clock. ScheduleKeyDeletion writes the key and its purge job in the
// job schedule (src/jobs) in one batch; CancelKeyDeletion removes both. When the clock passes
// DeletionDate the job runner purges the key, its aliases and its grants in one batch; afterwards the key is
// simply not found, as on AWS, and its sealed material is gone from the data dir's files too
// (the clock move answers once the store has scrubbed them). KMS then records its DeleteKey
// service event, once the purge is committed.
import { forgetUsage } from '../../audit/key-usage';
import { kmsServiceEvent } from '../../audit/service-events';
import type { JobKind } from '../../jobs/runner';
import { Schedule, type Job } from '../../jobs/schedule';
import { purging, type BatchOp } from '../../store/store';
import type { KmsEngine } from './engine';
import { aliasesOf } from './aliases';
import { deleteGrantsOf } from './grants';
import { keyArn } from './identifiers';
import { aliasLock, relatedRegions } from './keys';
import { changeFamily } from './multi-region';
import type { KeyRecord } from './records';
import { unscheduleRotation } from './rotation';

const PURGE_KEY = 'kms:purge-key';
const DAY_MS = 86_400_000;

type KeyRef = Pick<KeyRecord, 'accountId' | 'region' | 'keyId'>;

function purgeJob(due: number, { accountId, region, keyId }: KeyRef): Job {
  return { due, kind: PURGE_KEY, resource: { accountId, region, id: keyId, arn: keyArn(region, accountId, keyId) } };
}

const schedule = (engine: KmsEngine) => new Schedule(engine.deps.store);

/** The schedule entry for a key that has just been given its DeletionDate. */
export function scheduleDeletion(engine: KmsEngine, key: KeyRecord): BatchOp {
  return schedule(engine).put(purgeJob(key.deletionDate!, key));
}

/** Removes the schedule entry of a key whose deletion is cancelled (`key` still has its DeletionDate). */
export function unscheduleDeletion(engine: KmsEngine, key: KeyRecord): BatchOp {
  return schedule(engine).del(purgeJob(key.deletionDate!, key));
}

/** The job kind that purges keys whose DeletionDate has passed. */
export function keyDeletionJobs(engine: KmsEngine): JobKind {
  return {
    kind: PURGE_KEY,
    run: (job, now) => purge(engine, job, now),
    // Releases before the job schedule kept "<zero-padded due ms>/<account>/<region>/<key id>" → KeyRef.
    migrate: () =>
      schedule(engine).adopt(engine.deps.store.table<KeyRef>('_', '_', 'kms', 'deletions'), (entry, key) => purgeJob(Number(entry.split('/')[0]), key)),
  };
}

/**
 * Deletes one due key, its aliases and its schedule entry in one batch (the runner removes the
 * entry it ran, which is the same one unless that entry was stale). The alias locks are
 * taken before the key lock (the order CreateAlias and UpdateAlias use); once a key is pending
 * deletion no alias can be pointed at it, so the aliases found first are all there can be. A key
 * no longer pending deletion by now (cancelled, or already purged) is left alone.
 */
async function purge(engine: KmsEngine, job: Job, now: Date): Promise<void> {
  const { store } = engine.deps;
  const { accountId, region, id: keyId, arn } = job.resource;
  const aliasTable = engine.repo.aliases(accountId, region);
  const names = (await aliasesOf(engine, accountId, region, keyId)).map((a) => a.aliasName);
  const locked = names.reduceRight<() => Promise<void>>(
    (inner, name) => () => store.locks.run(aliasLock(accountId, region, name), inner),
    () =>
      // The key's lock is its ARN, as KmsEngine.updateKey takes it.
      store.locks.run(arn, async () => {
        const key = await engine.repo.keys(accountId, region).get(keyId);
        if (key?.state !== 'PendingDeletion' || key.deletionDate! > now.getTime()) return;
        const ops: BatchOp[] = [unscheduleDeletion(engine, key), ...unscheduleRotation(engine, key), engine.repo.keys(accountId, region).del(keyId), forgetUsage(store, key)];
        const current = await aliasTable.getMany(names);
        for (const alias of current) if (alias?.targetKeyId === keyId) ops.push(aliasTable.del(alias.aliasName));
        // The key's grants go with it (AWS deletes a key's grants when it deletes the key).
        ops.push(...(await deleteGrantsOf(engine, key)));
        await store.commit(purging(ops));
        engine.vault.forget(arn);
        purged = key;
      }),
  );
  let purged: KeyRecord | undefined;
  await locked();
  if (!purged) return;
  await engine.deps.audit.record(kmsServiceEvent('DeleteKey', purged, now));
  if (purged.multiRegion) await forgetRelated(engine, purged, now.getTime());
}

/**
 * After a multi-Region key's purge: its Region leaves every related key's configuration, and a
 * primary in PendingReplicaDeletion whose last replica this was becomes PendingDeletion, its
 * waiting period starting now (AWS). A step of its own, under the family's lock (taken before
 * key locks), not inside the purge's key lock.
 */
function forgetRelated(engine: KmsEngine, purged: KeyRecord, now: number): Promise<void> {
  return changeFamily(engine, purged, (related) =>
    related.flatMap((key) => {
      const replicaRegions = relatedRegions(key).replicas.filter((r) => r !== purged.region);
      if (key.state !== 'PendingReplicaDeletion' || replicaRegions.length > 0) return [engine.putKey({ ...key, replicaRegions })];
      const waiting: KeyRecord = { ...key, replicaRegions, state: 'PendingDeletion', deletionDate: now + (key.pendingWindowInDays ?? 30) * DAY_MS };
      return [engine.putKey(waiting), scheduleDeletion(engine, waiting)];
    }),
  );
}
