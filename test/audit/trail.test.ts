// The trail store on its own (createTrail over an in-memory Store), with hand-made events:
// lookups newest first by each attribute, time bounds, pages and tokens, group commit, double
// delivery across accounts, retention on the emulated clock, and a reset through the server.
import { BadTrailToken, createTrail, EXPIRE_EVENTS, SCAN_BUDGET, type TrailService } from '../../src/audit/trail';
import type { TrailEvent, TrailQuery } from '../../src/audit/types';
import { Clock } from '../../src/clock';
import { JobRunner } from '../../src/jobs/runner';
import { Logger } from '../../src/log';
import { Store, type BatchOp } from '../../src/store/store';
import { ACCOUNT, advanceClock, REGION, startServer } from '../helpers/server';
import { trailEvent } from './trail-events';

const OTHER_ACCOUNT = '111122223333';
const DAY_S = 86_400;
const T0 = new Date('2026-06-01T12:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

let store: Store;
let clock: Clock;
let trail: TrailService;

beforeEach(async () => {
  store = await Store.open({ inMemory: true });
  clock = new Clock();
  // The emulated now is T0 + 1 hour, so every event here is in the 90 days kept.
  clock.setOffset(at(3600).getTime() - Date.now());
  trail = createTrail({ store, clock, logger: new Logger('silent'), enabled: true });
});
afterEach(async () => {
  await trail.close();
  await store.close();
});

const query = (q: Partial<TrailQuery> = {}): TrailQuery => ({ accountId: ACCOUNT, region: REGION, maxResults: 50, ...q });
const ids = (events: TrailEvent[]) => events.map((e) => e.eventID);

/** Every event of a query, page by page. */
async function allPages(q: TrailQuery): Promise<{ events: TrailEvent[]; pages: number }> {
  const events: TrailEvent[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await trail.lookup({ ...q, nextToken });
    events.push(...page.events);
    nextToken = page.nextToken;
    pages++;
  } while (nextToken);
  return { events, pages };
}

describe('record and lookup', () => {
  it('returns the events of one account and region, newest first, and those of one second in the order recorded', async () => {
    const older = trailEvent({ at: at(0) });
    const sameSecond = [trailEvent({ at: at(10) }), trailEvent({ at: at(10) }), trailEvent({ at: at(10) })];
    await trail.record(sameSecond[0]);
    await trail.record(older);
    await trail.record(sameSecond[1]);
    await trail.record(sameSecond[2]);
    await trail.record(trailEvent({ at: at(20), awsRegion: 'eu-west-1' }));
    await trail.record(trailEvent({ at: at(20), recipientAccountId: '444455556666', userIdentity: { type: 'Root', accountId: '444455556666' } }));

    const page = await trail.lookup(query());
    expect(ids(page.events)).toEqual([sameSecond[2], sameSecond[1], sameSecond[0], older].map((e) => e.eventID));
    expect(page.nextToken).toBeUndefined();
    // Stored as given, field for field.
    expect(page.events[3]).toEqual(older);
  });

  it('finds events by each lookup attribute', async () => {
    const alice = trailEvent({ at: at(1) });
    const root = trailEvent({
      at: at(2),
      userIdentity: { type: 'Root', principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT, accessKeyId: 'AKIAROOT' },
      eventSource: 'secretsmanager.amazonaws.com',
      eventName: 'CreateSecret',
      readOnly: false,
      resources: undefined,
    });
    const role = trailEvent({
      at: at(3),
      userIdentity: {
        type: 'AssumedRole',
        principalId: 'AROAAPP:deploy-session',
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/app/deploy-session`,
        accountId: ACCOUNT,
        accessKeyId: 'ASIAROLE',
        sessionContext: {
          sessionIssuer: { type: 'Role', principalId: 'AROAAPP', arn: `arn:aws:iam::${ACCOUNT}:role/app`, accountId: ACCOUNT, userName: 'app' },
          attributes: { creationDate: '2026-06-01T11:00:00Z', mfaAuthenticated: 'false' },
        },
      },
      eventName: 'Decrypt',
      resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: `arn:aws:kms:${REGION}:${ACCOUNT}:key/other` }],
    });
    for (const event of [alice, root, role]) await trail.record(event);

    const by = async (key: NonNullable<TrailQuery['attribute']>['key'], value: string) => ids((await trail.lookup(query({ attribute: { key, value } }))).events);
    expect(await by('EventId', root.eventID)).toEqual([root.eventID]);
    expect(await by('EventName', 'Encrypt')).toEqual([alice.eventID]);
    expect(await by('ReadOnly', 'false')).toEqual([root.eventID]);
    expect(await by('ReadOnly', 'true')).toEqual([role.eventID, alice.eventID]);
    expect(await by('Username', 'alice')).toEqual([alice.eventID]);
    expect(await by('Username', 'root')).toEqual([root.eventID]);
    expect(await by('Username', 'deploy-session')).toEqual([role.eventID]);
    expect(await by('ResourceType', 'AWS::KMS::Key')).toEqual([role.eventID, alice.eventID]);
    expect(await by('ResourceName', `arn:aws:kms:${REGION}:${ACCOUNT}:key/other`)).toEqual([role.eventID]);
    expect(await by('EventSource', 'secretsmanager.amazonaws.com')).toEqual([root.eventID]);
    expect(await by('AccessKeyId', 'ASIAROLE')).toEqual([role.eventID]);
    // Values match exactly.
    expect(await by('EventName', 'encrypt')).toEqual([]);
  });

  it('bounds a lookup by StartTime and EndTime, both inclusive to the second', async () => {
    const events = [0, 10, 20, 30].map((s) => trailEvent({ at: at(s) }));
    for (const event of events) await trail.record(event);
    const between = await trail.lookup(query({ startTime: new Date(at(10).getTime() + 999), endTime: new Date(at(20).getTime() + 500) }));
    expect(ids(between.events)).toEqual([events[2].eventID, events[1].eventID]);
    expect(ids((await trail.lookup(query({ startTime: at(25) }))).events)).toEqual([events[3].eventID]);
    expect(ids((await trail.lookup(query({ endTime: at(0) }))).events)).toEqual([events[0].eventID]);
  });
});

describe('pages', () => {
  it('pages through every event with tokens, the last page without one', async () => {
    const events = Array.from({ length: 7 }, (_, i) => trailEvent({ at: at(i) }));
    await Promise.all(events.map((e) => trail.record(e)));
    const { events: read, pages } = await allPages(query({ maxResults: 3 }));
    expect(pages).toBe(3);
    expect(ids(read)).toEqual(ids([...events].reverse()));
  });

  it('pages through a filtered lookup exactly, and through time bounds', async () => {
    const events = Array.from({ length: 10 }, (_, i) => trailEvent({ at: at(i), eventName: i % 2 ? 'Decrypt' : 'Encrypt' }));
    await Promise.all(events.map((e) => trail.record(e)));
    const decrypts = await allPages(query({ maxResults: 2, attribute: { key: 'EventName', value: 'Decrypt' } }));
    expect(decrypts.pages).toBe(3);
    expect(ids(decrypts.events)).toEqual([9, 7, 5, 3, 1].map((i) => events[i].eventID));
    const bounded = await allPages(query({ maxResults: 2, startTime: at(2), endTime: at(6) }));
    expect(ids(bounded.events)).toEqual([6, 5, 4, 3, 2].map((i) => events[i].eventID));
  });

  it('stops a selective scan after its budget and answers with a token to go on', async () => {
    const match = trailEvent({ at: at(0), eventName: 'ScheduleKeyDeletion' });
    await trail.record(match);
    await Promise.all(Array.from({ length: SCAN_BUDGET }, () => trail.record(trailEvent({ at: at(1) }))));
    const q = query({ attribute: { key: 'EventName', value: 'ScheduleKeyDeletion' } });
    const first = await trail.lookup(q);
    expect(first.events).toEqual([]);
    expect(first.nextToken).toBeDefined();
    const second = await trail.lookup({ ...q, nextToken: first.nextToken });
    expect(ids(second.events)).toEqual([match.eventID]);
    expect(second.nextToken).toBeUndefined();
  });

  it('refuses a token that is not one, or that another query was given', async () => {
    await Promise.all([0, 1, 2].map((s) => trail.record(trailEvent({ at: at(s) }))));
    const { nextToken } = await trail.lookup(query({ maxResults: 1 }));
    expect(nextToken).toBeDefined();
    await expect(trail.lookup(query({ maxResults: 1, nextToken }))).resolves.toMatchObject({ events: [expect.anything()] });
    // Another page size is the same query.
    await expect(trail.lookup(query({ maxResults: 5, nextToken }))).resolves.toMatchObject({ events: [expect.anything(), expect.anything()] });
    await expect(trail.lookup(query({ nextToken: 'not-a-token' }))).rejects.toThrow(BadTrailToken);
    await expect(trail.lookup(query({ nextToken: Buffer.from('{"after":"x"}').toString('base64url') }))).rejects.toThrow(BadTrailToken);
    await expect(trail.lookup(query({ nextToken, attribute: { key: 'EventName', value: 'Encrypt' } }))).rejects.toThrow(BadTrailToken);
    await expect(trail.lookup(query({ nextToken, startTime: at(0) }))).rejects.toThrow(BadTrailToken);
    await expect(trail.lookup(query({ nextToken, region: 'eu-west-1' }))).rejects.toThrow(BadTrailToken);
  });
});

describe('group commit', () => {
  it('writes the events recorded together in few batches, and settles each once it is stored', async () => {
    const commit = jest.spyOn(store, 'commit');
    const events = Array.from({ length: 200 }, (_, i) => trailEvent({ at: at(i % 60) }));
    const stored: boolean[] = [];
    await Promise.all(
      events.map((event) =>
        trail.record(event).then(async () => {
          const page = await trail.lookup(query({ attribute: { key: 'EventId', value: event.eventID } }));
          stored.push(page.events.length === 1);
        }),
      ),
    );
    expect(stored).toEqual(events.map(() => true));
    // The first batch holds the 200 puts and the place's first-event ops (index entry and job).
    expect(commit.mock.calls.length).toBeLessThanOrEqual(2);
    expect(commit.mock.calls[0][0].length).toBe(202);
  });

  it('commits the extra ops in the event’s batch, and one bad batch fails only its own call', async () => {
    const marker = store.table<string>(ACCOUNT, REGION, 'test', 'marks');
    const real = store.commit.bind(store);
    jest.spyOn(store, 'commit').mockImplementation((ops) => (ops.some((op) => op.local === 'poison') ? Promise.reject(new Error('bad op')) : real(ops)));
    const good = trailEvent({ at: at(1) });
    const bad = trailEvent({ at: at(2) });
    const results = await Promise.allSettled([trail.record(good, [marker.put('ok', 'yes')]), trail.record(bad, [marker.put('poison', 'no')])]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(await marker.get('ok')).toBe('yes');
    expect(ids((await trail.lookup(query())).events)).toEqual([good.eventID]);
  });

  it('writes events in the order recorded, a promise of extra ops included, and a lookup or export sees what was recorded before it', async () => {
    const marker = store.table<string>(ACCOUNT, REGION, 'test', 'marks');
    let giveOps!: (ops: BatchOp[]) => void;
    const first = trailEvent({ at: at(5) });
    const second = trailEvent({ at: at(5) });
    const stored = [trail.record(first, new Promise<BatchOp[]>((resolve) => (giveOps = resolve))), trail.record(second)];
    const lookup = trail.lookup(query());
    const exported = (async () => {
      const seen: string[] = [];
      for await (const event of trail.export({})) seen.push(event.eventID);
      return seen;
    })();
    setImmediate(() => giveOps([marker.put('extra', 'yes')]));
    expect(ids((await lookup).events)).toEqual([second.eventID, first.eventID]);
    expect(await exported).toEqual([first.eventID, second.eventID]);
    await Promise.all(stored);
    expect(await marker.get('extra')).toBe('yes');
    // A promise of ops that fails fails its own event only, and is not an unhandled rejection.
    const failing = trail.record(trailEvent({ at: at(6) }), Promise.reject(new Error('no ops')));
    await expect(failing).rejects.toThrow('no ops');
  });

  it('records nothing when the trail is off', async () => {
    const off = createTrail({ store, clock, logger: new Logger('silent'), enabled: false });
    const commit = jest.spyOn(store, 'commit');
    await off.record(trailEvent());
    expect(commit).not.toHaveBeenCalled();
    expect((await off.lookup(query())).events).toEqual([]);
    await off.close();
  });
});

describe('cross-account calls', () => {
  it('delivers an event to the recipient account and to the caller’s account, and exports it once', async () => {
    const event = trailEvent({
      at: at(5),
      userIdentity: { type: 'IAMUser', principalId: 'AIDABOB', arn: `arn:aws:iam::${OTHER_ACCOUNT}:user/bob`, accountId: OTHER_ACCOUNT, accessKeyId: 'AKIABOB', userName: 'bob' },
    });
    await trail.record(event);
    expect(ids((await trail.lookup(query())).events)).toEqual([event.eventID]);
    expect(ids((await trail.lookup(query({ accountId: OTHER_ACCOUNT }))).events)).toEqual([event.eventID]);
    const exported = async (filter: object) => {
      const events: TrailEvent[] = [];
      for await (const e of trail.export(filter)) events.push(e);
      return ids(events);
    };
    expect(await exported({})).toEqual([event.eventID]);
    expect(await exported({ accountId: OTHER_ACCOUNT })).toEqual([event.eventID]);
  });
});

describe('retention', () => {
  it('deletes the events older than 90 days once the emulated clock passes them, and keeps the rest', async () => {
    const jobs = new JobRunner({ store, clock, logger: new Logger('silent') });
    for (const kind of trail.jobs) jobs.register(kind);
    const old = trailEvent({ at: at(0) });
    await trail.record(old);
    await trail.record(trailEvent({ at: at(0), awsRegion: 'eu-west-1' }));
    const events = store.table<TrailEvent>(ACCOUNT, REGION, 'cloudtrail', 'events');
    expect(await events.keys()).toHaveLength(1);

    // 89 days on, the job runs (daily) and keeps it; an event recorded then is kept later too.
    clock.setOffset(clock.offset + 89 * DAY_S * 1000);
    await jobs.runDue();
    expect(await events.keys()).toHaveLength(1);
    const recent = trailEvent({ at: clock.now() });
    await trail.record(recent);

    clock.setOffset(clock.offset + 2 * DAY_S * 1000);
    const ran = clock.now().getTime();
    await jobs.runDue();
    expect(await events.keys()).toHaveLength(1);
    expect(await store.table(ACCOUNT, 'eu-west-1', 'cloudtrail', 'events').keys()).toHaveLength(0);
    expect(ids((await trail.lookup(query())).events)).toEqual([recent.eventID]);
    // The job is scheduled again, a day on, per place.
    expect((await jobs.state()).failed).toBe(0);
    const scheduled = await store.table<{ kind: string; due: number }>('_', '_', 'jobs', 'schedule').range();
    const dues = scheduled.filter(([, job]) => job.kind === EXPIRE_EVENTS).map(([, job]) => job.due - DAY_S * 1000);
    expect(dues).toHaveLength(2);
    for (const due of dues) expect(due >= ran && due <= clock.now().getTime()).toBe(true);
    await jobs.stop();
  });
});

describe('in a server', () => {
  it('drops events once the emulated clock moves 91 days, and a reset wipes the trail', async () => {
    const server = await startServer();
    try {
      const { trail: live, clock: serverClock } = server.strongroom;
      const lookup = () => live.lookup({ accountId: ACCOUNT, region: REGION, maxResults: 50 });
      await live.record(trailEvent({ at: serverClock.now() }));
      expect((await lookup()).events).toHaveLength(1);
      await advanceClock(server, 91 * DAY_S);
      expect((await lookup()).events).toEqual([]);

      const kept = trailEvent({ at: serverClock.now() });
      await live.record(kept);
      await server.reset();
      expect((await lookup()).events).toEqual([]);
      // After the reset the place is indexed again (the export lists places from the index).
      const again = trailEvent({ at: serverClock.now() });
      await live.record(again);
      const exported: string[] = [];
      for await (const event of live.export({})) exported.push(event.eventID);
      expect(exported).toEqual([again.eventID]);
    } finally {
      await server.close();
    }
  });
});
