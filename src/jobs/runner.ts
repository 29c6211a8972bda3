// The job runner: runs the schedule's due jobs off the request path, at most CONCURRENCY at
// once. It holds no lock while a handler runs: a handler takes the locks of the resources it
// changes, for as long as it changes them, and may call out (a rotation function that calls
// back into Strongroom over HTTP then takes the same locks). What starts jobs: a real-time
// timer, a job finishing (the next due one takes its slot), and runDue(), which the clock route
// awaits so that a test that moves the clock reads the result.
//
// The only thing the runner serializes is its scans of the schedule, and a scan never waits for
// a handler.
//
// At least once: an entry is removed only after its handler has resolved, so a crash between
// the work and the removal runs the handler again after the restart. Handlers are therefore
// idempotent and check the resource's state under its lock (an entry may also be stale: its
// work cancelled or superseded); they may remove their entry in the batch that does the work.
// A handler that fails is retried with exponential backoff on the emulated clock; after
// MAX_ATTEMPTS its entry moves to the failed jobs with its last error and is logged: nothing is
// lost, nothing is retried forever.
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { BatchOp, Store } from '../store/store';
import { Schedule, type Job } from './schedule';

type JobHandler = (job: Job, now: Date) => Promise<void>;

export interface JobKind {
  /** The kind's name in its entries: "<service>:<work>". */
  kind: string;
  run: JobHandler;
  /** Ops that move the entries an earlier release kept in an index of its own onto the schedule (at start). */
  migrate?(): Promise<BatchOp[]>;
}

export interface JobState {
  running: number;
  /** Due and not waiting for a retry. */
  due: number;
  /** Given up on, kept with their last error. */
  failed: number;
}

export const CONCURRENCY = 4;
export const MAX_ATTEMPTS = 5;
/** The wait before the first retry on the emulated clock; it doubles with each failure after it (1, 2, 4, 8 minutes). */
const FIRST_RETRY_MS = 60_000;
const TICK_MS = 1000;
const SCAN_PAGE = 100;

export class JobRunner {
  private readonly kinds = new Map<string, JobKind>();
  private readonly schedule: Schedule;
  /** Jobs started and not yet let go, by schedule key: a scan never starts one of them again. */
  private readonly inFlight = new Map<string, Promise<void>>();
  /**
   * Jobs that finished (their entry removed or updated) since the last scan began. They are let
   * go only when the next scan begins: a scan under way may have read their entry before it changed.
   */
  private finished: string[] = [];
  /** Scans run one after another; `next` is the one waiting, which later calls share. */
  private tail: Promise<unknown> = Promise.resolve();
  private next: Promise<boolean> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly deps: { store: Store; clock: Clock; logger: Logger }) {
    this.schedule = new Schedule(deps.store);
  }

  register(kind: JobKind): void {
    if (this.kinds.has(kind.kind)) throw new Error(`job kind ${kind.kind} is registered twice`);
    this.kinds.set(kind.kind, kind);
  }

  /** Moves what earlier releases scheduled elsewhere onto the schedule, in one batch (before the server listens). */
  async migrate(): Promise<void> {
    const ops = await Promise.all([...this.kinds.values()].map((kind) => kind.migrate?.() ?? []));
    await this.deps.store.commit(ops.flat());
  }

  /** Schedules a job outside a resource's own batch (for embedders and tests). */
  add(job: Job): Promise<void> {
    return this.deps.store.commit([this.schedule.put(job)]);
  }

  start(): void {
    this.timer = setInterval(() => this.kick(), TICK_MS);
    this.timer.unref();
  }

  /**
   * Runs the jobs due now, and those that fall due while they run, and settles once none is
   * running or due and the values they purged are scrubbed from the files. A handler must not
   * wait for this (it would wait for itself).
   */
  async runDue(): Promise<void> {
    for (;;) {
      const waiting = await this.pump();
      if (this.inFlight.size === 0 && !waiting) break;
      await Promise.race(this.inFlight.values());
    }
    await this.deps.store.scrubbed();
  }

  async state(): Promise<JobState> {
    const now = this.deps.clock.now().getTime();
    const due = (await this.schedule.due(now)).filter(([key, job]) => !this.inFlight.has(key) && (job.retryAt ?? 0) <= now);
    return { running: this.inFlight.size - this.finished.length, due: due.length, failed: (await this.schedule.failed()).length };
  }

  /** Stops the timer and waits for the jobs under way, so the store can close after them. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.tail;
    await Promise.all(this.inFlight.values());
  }

  /** A pump nobody awaits (the timer, a job that finished): its failure is logged. */
  private kick(): void {
    this.pump().catch((err) => this.deps.logger.error('strongroom: reading the job schedule failed', err));
  }

  /** Starts due jobs in the free slots; resolves true if due jobs are left waiting for a slot. */
  private pump(): Promise<boolean> {
    // One scan at a time, so two never start the same job.
    if (!this.next) {
      const scan = this.tail.then(() => {
        this.next = undefined;
        return this.scan();
      });
      this.next = scan;
      this.tail = scan.catch(() => undefined);
    }
    return this.next;
  }

  private async scan(): Promise<boolean> {
    for (const key of this.finished) this.inFlight.delete(key);
    this.finished = [];
    if (this.stopped) return false;
    const now = this.deps.clock.now().getTime();
    let after: string | undefined;
    for (;;) {
      const page = await this.schedule.due(now, after, SCAN_PAGE);
      for (const [key, job] of page) {
        if (this.inFlight.has(key) || (job.retryAt ?? 0) > now) continue;
        if (this.inFlight.size >= CONCURRENCY) return true;
        this.inFlight.set(key, this.execute(key, job));
      }
      if (page.length < SCAN_PAGE) return false;
      after = page[page.length - 1][0];
    }
  }

  /** Runs one job; never rejects. */
  private async execute(key: string, job: Job): Promise<void> {
    const now = this.deps.clock.now();
    try {
      const kind = this.kinds.get(job.kind);
      if (!kind) throw new Error(`no handler is registered for job kind ${job.kind}`);
      await kind.run(job, now);
      await this.deps.store.commit([this.schedule.del(job)]);
    } catch (err) {
      await this.recordFailure(job, err, now).catch((failure) => this.deps.logger.error(`strongroom: recording the failure of job ${job.kind} on ${job.resource.arn} failed`, failure));
    } finally {
      this.finished.push(key);
      if (!this.stopped) this.kick();
    }
  }

  private async recordFailure(job: Job, err: unknown, now: Date): Promise<void> {
    const { store, logger } = this.deps;
    // The work may have been cancelled (or done) meanwhile: then there is nothing to retry.
    if (!(await this.schedule.has(job))) return;
    const attempts = (job.attempts ?? 0) + 1;
    const lastError = err instanceof Error ? err.message : String(err);
    const what = `strongroom: job ${job.kind} on ${job.resource.arn}`;
    if (attempts >= MAX_ATTEMPTS) {
      logger.error(`${what} failed ${attempts} times; kept as failed, not retried`, err);
      const { retryAt: _retryAt, ...failed } = job;
      await store.commit(this.schedule.fail({ ...failed, attempts, lastError, failedAt: now.getTime() }));
      return;
    }
    const retryAt = now.getTime() + FIRST_RETRY_MS * 2 ** (attempts - 1);
    logger.warn(`${what} failed (attempt ${attempts} of ${MAX_ATTEMPTS}; next at ${new Date(retryAt).toISOString()}): ${lastError}`);
    await store.commit([this.schedule.put({ ...job, attempts, lastError, retryAt })]);
  }
}
