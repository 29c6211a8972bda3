// Deleting secrets: DeleteSecret marks a secret and schedules its purge after the recovery
// window (7–30 days, 30 by default); the clock's sweep purges what falls due, so moving the
// emulated clock past DeletionDate really removes the secret, its versions and its values, from
// the data dir's files too (the sweep returns once the store has scrubbed them).
import { purging, type BatchOp, type Store } from '../../store/store';
import type { SecretRecord } from './records';
import type { SecretRepository } from './repository';
import { lockKey, repository } from './secrets';

const SWEEP_BATCH = 100;

/** Everything that removes a secret from its region now, marked as purges: its values must not stay recoverable. */
export async function purgeOps(repo: SecretRepository, record: SecretRecord): Promise<BatchOp[]> {
  const ops = await repo.removeRecord(record);
  if (record.deletionDate !== undefined) ops.push(repo.unscheduleDeletion(record));
  return purging(ops);
}

/** Purges every secret whose recovery window ended at or before `now`. */
export async function sweepDeletions(store: Store, now: Date): Promise<void> {
  const repo = repository(store);
  for (;;) {
    const due = await repo.dueDeletions(now, SWEEP_BATCH);
    for (const [key, entry] of due) {
      await store.locks.run(lockKey(entry.accountId, entry.name), async () => {
        const record = await repo.get(entry.accountId, entry.region, entry.name);
        // Restored or re-created since: only the schedule entry is stale.
        const ops = record && record.arn === entry.arn && record.deletionDate !== undefined && record.deletionDate <= now.getTime()
          ? await purgeOps(repo, record)
          : [repo.deletions().del(key)];
        await store.commit(ops);
      });
    }
    if (due.length < SWEEP_BATCH) break;
  }
  await store.scrubbed();
}
