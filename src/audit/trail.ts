// The persisted audit trail (docs/audit.md): CloudTrail events in the store, one table per
// account and region, read newest first by LookupEvents and oldest first by the export.
//
// Keys: "<event time, epoch ms, 16 digits>!<stamp, 16 digits>!<eventID>". The time makes every
// query a range scan; the stamp (a per-process counter that starts at the wall clock in µs)
// keeps the events of one second in the order they were recorded, which CloudTrail's second
// resolution cannot (and so newest first is exact); the event ID makes keys unique across places.
//
// Group commit: the pipeline waits for an event to be in the store before it answers a call (so
// kill -9 cannot lose an acknowledged call's event), but a LevelDB batch per call would halve
// throughput. Events recorded in the same turn of the event loop, or while a batch is being
// written, go out together in the next batch; each record() settles when its batch is committed.
//
// Retention: AWS keeps 90 days of event history. Each place (account/region) with events has a
// daily job on the emulated clock that deletes what is older; reads skip it meanwhile. The places
// are listed in a global index, written in the batch of a place's first event with its job.
import { createHash } from 'node:crypto';
import type { Clock } from '../clock';
import type { JobKind } from '../jobs/runner';
import { Schedule, type Job } from '../jobs/schedule';
import type { Logger } from '../log';
import type { BatchOp, Store, Table } from '../store/store';
import { openAuditLog, type AuditLog } from './audit-log';
import type { ExportFilter, LookupAttributeKey, Trail, TrailEvent, TrailPage, TrailQuery } from './types';

export const EXPIRE_EVENTS = 'cloudtrail:expire-events';
const DAY_MS = 86_400_000;
/** CloudTrail's event history keeps 90 days (LookupEvents: "within the last 90 days"). */
const RETENTION_MS = 90 * DAY_MS;
/** Events a lookup reads at most for one page: a selective filter answers with a token rather than scanning the whole trail. */
export const SCAN_BUDGET = 10_000;
/** Events read per range when filtering (a lookup with an attribute, the export). */
const CHUNK = 500;
/** Keys deleted per batch by the retention job. */
const DELETE_BATCH = 1_000;

/** A NextToken that this trail did not hand out for this query (LookupEvents answers InvalidNextTokenException). */
export class BadTrailToken extends Error {
  constructor() {
    super('The next token is not valid for this query.');
    this.name = 'BadTrailToken';
  }
}

export interface TrailOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Appends each committed event to this file as a JSON line (`--audit-log`). */
  auditLog?: string;
  /** false: record() writes nothing (`--audit-trail false`, for the benchmark's "without"). */
  enabled: boolean;
}

export interface TrailService extends Trail {
  /** The retention job, for the runner. */
  jobs: JobKind[];
  /** Forgets what it knows of the store (after a reset wiped it). */
  reset(): void;
  /** Waits for the events being written and closes the audit log. */
  close(): Promise<void>;
}

interface Place {
  accountId: string;
  region: string;
}

interface Pending {
  event: TrailEvent;
  extra: BatchOp[] | Promise<BatchOp[]>;
  resolve(): void;
  reject(err: unknown): void;
}

/** 16 digits hold the last JavaScript date (8.64e15 ms): keys sort in time order whatever the emulated clock says. */
const pad = (n: number) => String(Math.max(0, Math.trunc(n))).padStart(16, '0');
const floorToSecond = (date: Date) => Math.floor(date.getTime() / 1000) * 1000;
const placeName = (place: Place) => `${place.accountId}/${place.region}`;

const eventsOf = (store: Store, place: Place): Table<TrailEvent> => store.table<TrailEvent>(place.accountId, place.region, 'cloudtrail', 'events');
const placesOf = (store: Store): Table<Place> => store.table<Place>('_', '_', 'cloudtrail', 'places');

/** The places an event is delivered to: its recipient account, and the caller's account when that is another (as CloudTrail does). */
function placesOfEvent(event: TrailEvent): Place[] {
  const places = [{ accountId: event.recipientAccountId, region: event.awsRegion }];
  const caller = event.userIdentity.accountId;
  if (caller && caller !== event.recipientAccountId) places.push({ accountId: caller, region: event.awsRegion });
  return places;
}

/**
 * LookupEvents' Username: the IAM user's name, `root` for the root user, the session name for an
 * assumed role (AWS's lookup-events example shows "Username": "my-session-name"); none for a service.
 */
export function usernameOf(event: TrailEvent): string | undefined {
  const identity = event.userIdentity;
  switch (identity.type) {
    case 'IAMUser':
      return identity.userName;
    case 'Root':
      return 'root';
    case 'AssumedRole':
      return identity.arn?.slice(identity.arn.lastIndexOf('/') + 1);
    default:
      return undefined;
  }
}

/** The values of an event a LookupAttribute matches against (any of them, exactly). */
const ATTRIBUTES: Record<LookupAttributeKey, (event: TrailEvent) => string | (string | undefined)[] | undefined> = {
  EventId: (e) => e.eventID,
  EventName: (e) => e.eventName,
  ReadOnly: (e) => String(e.readOnly),
  Username: usernameOf,
  ResourceType: (e) => e.resources?.map((r) => r.type),
  ResourceName: (e) => e.resources?.map((r) => r.ARN),
  EventSource: (e) => e.eventSource,
  AccessKeyId: (e) => e.userIdentity.accessKeyId,
};

function attributeMatcher(attribute: TrailQuery['attribute']): ((event: TrailEvent) => boolean) | undefined {
  if (!attribute) return undefined;
  const read = ATTRIBUTES[attribute.key];
  return (event) => {
    const values = read(event);
    return Array.isArray(values) ? values.includes(attribute.value) : values === attribute.value;
  };
}

function exportMatcher(filter: ExportFilter, place: Place): (event: TrailEvent) => boolean {
  // Exporting every account, each event once: a copy delivered to the caller's account is skipped.
  const everyAccount = filter.accountId === undefined;
  return (event) =>
    (!everyAccount || event.recipientAccountId === place.accountId) &&
    (filter.eventSource === undefined || event.eventSource === filter.eventSource) &&
    (filter.eventName === undefined || event.eventName === filter.eventName) &&
    (!filter.errors || event.errorCode !== undefined) &&
    (!filter.wouldDeny || event.additionalEventData?.strongroomWouldDeny !== undefined);
}

/** The token of a page: the last key handed out, bound to the query by a digest of it. */
function tokenBinding(query: TrailQuery): string {
  const { accountId, region, attribute, startTime, endTime } = query;
  const text = JSON.stringify([accountId, region, attribute?.key, attribute?.value, startTime?.getTime(), endTime?.getTime()]);
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

const makeToken = (after: string, binding: string) => Buffer.from(JSON.stringify({ after, query: binding })).toString('base64url');

function readToken(token: string, binding: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new BadTrailToken();
  }
  const { after, query } = (parsed ?? {}) as { after?: unknown; query?: unknown };
  if (query !== binding || typeof after !== 'string' || !/^\d{16}!/.test(after)) throw new BadTrailToken();
  return after;
}

/**
 * A batch's ops without the puts a later op of the batch overwrites (the batch leaves the same
 * state): the calls of one batch that used one KMS key each mark it last used. Deletes stay (a
 * purge must still scrub).
 */
function lastOfEachKey(ops: BatchOp[]): BatchOp[] {
  const last = new Map<string, number>();
  ops.forEach((op, i) => last.set(op.key, i));
  return last.size === ops.length ? ops : ops.filter((op, i) => op.type === 'del' || last.get(op.key) === i);
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createTrail(options: TrailOptions): TrailService {
  const { store, clock, logger, enabled } = options;
  const schedule = new Schedule(store);
  const auditLog: AuditLog | undefined = options.auditLog ? openAuditLog(options.auditLog, logger) : undefined;
  /** Places known to be in the index (with their retention job); cleared by a reset. */
  const knownPlaces = new Set<string>();
  /** Bumped by reset(): a batch written before it must not mark places known. */
  let generation = 0;
  let lastStamp = 0;
  let queue: Pending[] = [];
  /** The writer while it runs: it takes the queue batch by batch until it is empty. */
  let writing: Promise<void> | undefined;
  /** When the last event recorded is written (or failed). */
  let lastRecorded: Promise<void> = Promise.resolve();

  const stamp = () => (lastStamp = Math.max(lastStamp + 1, Date.now() * 1000));

  const expireJob = (place: Place, due: number): Job => ({
    due,
    kind: EXPIRE_EVENTS,
    resource: { accountId: place.accountId, region: place.region, id: 'events', arn: `cloudtrail:${place.accountId}:${place.region}:event-history` },
  });

  /** The index entry and retention job of the places first written in this batch. */
  async function placeOps(events: TrailEvent[], added: Set<string>): Promise<BatchOp[]> {
    const unknown = new Map<string, Place>();
    for (const event of events) for (const place of placesOfEvent(event)) if (!knownPlaces.has(placeName(place))) unknown.set(placeName(place), place);
    if (unknown.size === 0) return [];
    const names = [...unknown.keys()];
    const found = await placesOf(store).getMany(names);
    const ops: BatchOp[] = [];
    names.forEach((name, i) => {
      added.add(name);
      if (found[i]) return;
      const place = unknown.get(name)!;
      ops.push(placesOf(store).put(name, place), schedule.put(expireJob(place, clock.now().getTime() + DAY_MS)));
    });
    return ops;
  }

  async function write(batch: Pending[]): Promise<void> {
    const started = generation;
    const added = new Set<string>();
    try {
      const ops = await placeOps(
        batch.map((p) => p.event),
        added,
      );
      const extras: BatchOp[] = [];
      for (const { event, extra } of batch) {
        const key = `${pad(Date.parse(event.eventTime))}!${pad(stamp())}!${event.eventID}`;
        for (const place of placesOfEvent(event)) ops.push(eventsOf(store, place).put(key, event));
        extras.push(...(await extra));
      }
      // Events' and places' keys are unique by construction; only the extras repeat one another.
      ops.push(...(batch.length > 1 ? lastOfEachKey(extras) : extras));
      await store.commit(ops);
    } catch (err) {
      // One call's bad extra ops must not fail the calls it was grouped with: each on its own.
      if (batch.length > 1) {
        for (const pending of batch) await write([pending]);
        return;
      }
      batch[0].reject(err);
      return;
    }
    if (started === generation) for (const name of added) knownPlaces.add(name);
    auditLog?.append(batch.map((p) => p.event));
    for (const pending of batch) pending.resolve();
  }

  async function drain(): Promise<void> {
    for (;;) {
      const batch = queue;
      // Checked and cleared in one synchronous step: a record() after this starts a new writer.
      if (batch.length === 0) {
        writing = undefined;
        return;
      }
      queue = [];
      await write(batch);
      // The next batch gathers for the rest of this turn too (an in-memory commit takes no time to wait on).
      await nextTurn();
    }
  }

  function record(event: TrailEvent, extra: BatchOp[] | Promise<BatchOp[]> = []): Promise<void> {
    if (!enabled) return Promise.resolve();
    // Awaited when its batch is written; a rejection before then must not count as unhandled.
    if (extra instanceof Promise) extra.catch(() => undefined);
    const stored = new Promise<void>((resolve, reject) => {
      queue.push({ event, extra, resolve, reject });
      // The first batch waits for the rest of this turn of the event loop (the other requests
      // that arrived with it); later ones gather while the one before is being written.
      writing ??= nextTurn().then(drain);
    });
    lastRecorded = stored.catch(() => undefined);
    return stored;
  }

  /** The lowest key a read may return: from `since` (to the second), never older than the retention period. */
  const lowerBound = (since: Date | undefined) => pad(Math.max(since ? floorToSecond(since) : 0, clock.now().getTime() - RETENTION_MS));
  /** The first key after `until` (to the second, inclusive). */
  const upperBound = (until: Date | undefined) => (until ? pad(floorToSecond(until) + 1000) : undefined);

  /** Waits for the events recorded so far to be written (in order: the last one settles after the others), not for those recorded after: reads see what was recorded before them. */
  const written = (): Promise<void> => lastRecorded;

  async function lookup(query: TrailQuery): Promise<TrailPage> {
    await written();
    const table = eventsOf(store, query);
    const binding = tokenBinding(query);
    const matches = attributeMatcher(query.attribute);
    const gte = lowerBound(query.startTime);
    let lt = query.nextToken !== undefined ? readToken(query.nextToken, binding) : upperBound(query.endTime);
    const found: [string, TrailEvent][] = [];
    let scanned = 0;
    while (scanned < SCAN_BUDGET) {
      // Unfiltered, one more than a page tells whether there is a next one.
      const limit = Math.min(matches ? CHUNK : query.maxResults + 1 - found.length, SCAN_BUDGET - scanned);
      const entries = await table.range({ reverse: true, gte, lt, limit });
      for (const entry of entries) {
        if (matches && !matches(entry[1])) continue;
        found.push(entry);
        if (found.length > query.maxResults) {
          const page = found.slice(0, query.maxResults);
          return { events: page.map(([, event]) => event), nextToken: makeToken(page[page.length - 1][0], binding) };
        }
      }
      scanned += entries.length;
      if (entries.length < limit) return { events: found.map(([, event]) => event) };
      lt = entries[entries.length - 1][0];
    }
    // The scan budget is spent: what was found, and a token to go on from the last key read.
    return { events: found.map(([, event]) => event), nextToken: makeToken(lt!, binding) };
  }

  async function* exportEvents(filter: ExportFilter): AsyncGenerator<TrailEvent> {
    await written();
    const gte = lowerBound(filter.since);
    const lt = upperBound(filter.until);
    for (const [, place] of await placesOf(store).range()) {
      if ((filter.accountId !== undefined && place.accountId !== filter.accountId) || (filter.region !== undefined && place.region !== filter.region)) continue;
      const table = eventsOf(store, place);
      const matches = exportMatcher(filter, place);
      let gt: string | undefined;
      for (;;) {
        const entries = await table.range({ gt, gte, lt, limit: CHUNK });
        for (const [, event] of entries) if (matches(event)) yield event;
        if (entries.length < CHUNK) break;
        gt = entries[entries.length - 1][0];
      }
    }
  }

  /** Deletes a place's events older than the retention period, in batches, and schedules the next run a day on. */
  async function expire(job: Job, now: Date): Promise<void> {
    const place = { accountId: job.resource.accountId, region: job.resource.region };
    const table = eventsOf(store, place);
    const lt = pad(now.getTime() - RETENTION_MS);
    for (;;) {
      const keys = await table.keys({ lt, limit: DELETE_BATCH });
      if (keys.length > 0) await store.commit(keys.map((key) => table.del(key)));
      if (keys.length < DELETE_BATCH) break;
    }
    await store.commit([schedule.put(expireJob(place, now.getTime() + DAY_MS))]);
  }

  return {
    record,
    lookup,
    export: exportEvents,
    jobs: [{ kind: EXPIRE_EVENTS, run: expire }],
    reset() {
      generation++;
      knownPlaces.clear();
    },
    async close() {
      while (writing) await writing;
      await auditLog?.close();
    },
  };
}
