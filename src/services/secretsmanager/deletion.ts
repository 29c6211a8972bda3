// Deleting secrets: DeleteSecret marks a secret and schedules its purge job after the recovery
// window (7–30 days, 30 by default); the job runner purges what falls due, so moving the emulated
// clock past DeletionDate really removes the secret, its versions and its values, from the data
// dir's files too (the clock move answers once the store has scrubbed them). Secrets Manager
// then records its EndSecretVersionDelete event, once the purge is committed.
import { secretServiceEvent } from '../../audit/service-events';
import type { AuditSink } from '../../audit/types';
import type { JobKind } from '../../jobs/runner';
import type { Job } from '../../jobs/schedule';
import { purging, type BatchOp, type Store } from '../../store/store';
import type { SecretRecord } from './records';
import { PURGE_SECRET, type SecretRepository } from './repository';
import { lockKey, repository } from './secrets';

/** Everything that removes a secret from its region now, marked as purges: its values must not stay recoverable. */
export async function purgeOps(repo: SecretRepository, record: SecretRecord): Promise<BatchOp[]> {
  const ops = await repo.removeRecord(record);
  if (record.deletionDate !== undefined) ops.push(repo.unscheduleDeletion(record));
  return purging(ops);
}

/** The job kind that purges secrets whose recovery window has ended. */
export function secretDeletionJobs(store: Store, audit: AuditSink): JobKind {
  const repo = repository(store);
  return { kind: PURGE_SECRET, run: (job, now) => purge(repo, audit, job, now), migrate: () => repo.migrateDeletions() };
}

async function purge(repo: SecretRepository, audit: AuditSink, job: Job, now: Date): Promise<void> {
  const { accountId, region, id: name, arn } = job.resource;
  const purged = await repo.store.locks.run(lockKey(accountId, name), async () => {
    const record = await repo.get(accountId, region, name);
    // Restored or re-created since, the entry is stale: the runner only removes it.
    if (record?.arn !== arn || record.deletionDate === undefined || record.deletionDate > now.getTime()) return false;
    await repo.store.commit(await purgeOps(repo, record));
    return true;
  });
  if (purged) await audit.record(secretServiceEvent('EndSecretVersionDelete', { accountId, region, arn }, now));
}
