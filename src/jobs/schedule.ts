// The persistent schedule of due work: one global table of jobs, each a kind of work on one
// resource at a due time on the emulated clock. An entry's key is "<zero-padded due ms> <kind>
// <resource ARN>", derived from the job itself: what is due by now is a range scan, and a
// service writes or removes an entry in the same batch as the resource change that makes or
// cancels the work (ScheduleKeyDeletion, RestoreSecret …), knowing only the resource. Jobs the
// runner gave up on move to a second table, kept with their last error.
import type { BatchOp, Store, Table } from '../store/store';

/** What a job acts on. */
interface JobResource {
  accountId: string;
  region: string;
  /** Its id in its service: a key id, a secret name. */
  id: string;
  arn: string;
}

export interface Job {
  /** When the work falls due: epoch ms on the emulated clock. */
  due: number;
  /** Which handler runs it: "<service>:<work>", e.g. "kms:purge-key". */
  kind: string;
  resource: JobResource;
  /** Failed attempts so far. */
  attempts?: number;
  lastError?: string;
  /** After a failure: when the next attempt may start (epoch ms, emulated clock). */
  retryAt?: number;
}

/** A job the runner gave up on. */
export interface FailedJob extends Job {
  failedAt: number;
}

/** Digits of a due time: 16 hold the last JavaScript date (8.64e15 ms), so keys sort in time order whatever the clock is set to. */
const TIME_DIGITS = 16;
const pad = (ms: number) => String(Math.max(0, Math.trunc(ms))).padStart(TIME_DIGITS, '0');

/** Kinds and ARNs hold no spaces, so the key names one job. */
const keyOf = (job: Job) => `${pad(job.due)} ${job.kind} ${job.resource.arn}`;

export class Schedule {
  constructor(private readonly store: Store) {}

  private entries(): Table<Job> {
    return this.store.table<Job>('_', '_', 'jobs', 'schedule');
  }

  private failures(): Table<FailedJob> {
    return this.store.table<FailedJob>('_', '_', 'jobs', 'failed');
  }

  /** Schedules `job` (or records its attempts: the key stays the same). */
  put(job: Job): BatchOp {
    return this.entries().put(keyOf(job), job);
  }

  /** Removes `job`'s entry, named by its due time, kind and resource. */
  del(job: Job): BatchOp {
    return this.entries().del(keyOf(job));
  }

  async has(job: Job): Promise<boolean> {
    return (await this.entries().get(keyOf(job))) !== undefined;
  }

  /** Entries due at or before `now`, in due order, after the entry keyed `after`. */
  due(now: number, after?: string, limit?: number): Promise<[string, Job][]> {
    return this.entries().range({ gt: after, lt: pad(now + 1), limit });
  }

  /** Moves `job` to the failed jobs, with its last error. */
  fail(job: FailedJob): BatchOp[] {
    return [this.del(job), this.failures().put(keyOf(job), job)];
  }

  async failed(): Promise<FailedJob[]> {
    return (await this.failures().range()).map(([, job]) => job);
  }

  /**
   * The ops that move every entry of `table`, an index of due work an earlier release kept on
   * its own, onto the schedule, as `toJob` reads each entry.
   */
  async adopt<V>(table: Table<V>, toJob: (key: string, value: V) => Job): Promise<BatchOp[]> {
    const ops: BatchOp[] = [];
    for (const [key, value] of await table.range()) ops.push(table.del(key), this.put(toJob(key, value)));
    return ops;
  }
}
