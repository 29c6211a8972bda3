// The trail's exports: `GET /_strongroom/audit` (JSON Lines, filtered by the query string, behind
// the browser guard) and the `--audit-log FILE` copy, one line per stored event.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrailEvent } from '../../src/audit/types';
import { ACCOUNT, REGION, startServer, type TestServer } from '../helpers/server';
import { toSecond, trailEvent } from './trail-events';

const OTHER_ACCOUNT = '111122223333';

let dir: string;
let logFile: string;
let server: TestServer;
const events: TrailEvent[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'strongroom-audit-'));
  logFile = join(dir, 'audit.jsonl');
  server = await startServer({ auditLog: logFile });
  const now = server.strongroom.clock.now().getTime();
  const at = (secondsAgo: number) => new Date(now - secondsAgo * 1000);
  events.push(
    trailEvent({ at: at(50) }),
    trailEvent({ at: at(40), eventSource: 'secretsmanager.amazonaws.com', eventName: 'GetSecretValue' }),
    trailEvent({ at: at(30), eventName: 'Decrypt', errorCode: 'AccessDeniedException', errorMessage: 'denied' }),
    trailEvent({ at: at(20), eventName: 'Decrypt', additionalEventData: { strongroomWouldDeny: [{ action: 'kms:Decrypt', resource: '*', message: 'would deny' }] } }),
    trailEvent({ at: at(10), awsRegion: 'eu-west-1' }),
    trailEvent({ at: at(5), recipientAccountId: OTHER_ACCOUNT, userIdentity: { type: 'Root', principalId: OTHER_ACCOUNT, arn: `arn:aws:iam::${OTHER_ACCOUNT}:root`, accountId: OTHER_ACCOUNT } }),
  );
  for (const event of events) await server.strongroom.trail.record(event);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (query = '', headers: Record<string, string> = {}) => fetch(`${server.url}/_strongroom/audit${query}`, { headers });
const lines = (text: string) => text.split('\n').filter(Boolean);

async function exported(query = ''): Promise<string[]> {
  const res = await get(query);
  expect(res.status).toBe(200);
  return lines(await res.text()).map((line) => (JSON.parse(line) as TrailEvent).eventID);
}
const idsOf = (...indexes: number[]) => indexes.map((i) => events[i].eventID);

describe('GET /_strongroom/audit', () => {
  it('answers every event as JSON Lines, CloudTrail events as recorded, each place oldest first', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const body = lines(await res.text()).map((line) => JSON.parse(line) as TrailEvent);
    expect(body).toHaveLength(events.length);
    expect(new Set(body.map((e) => e.eventID))).toEqual(new Set(events.map((e) => e.eventID)));
    expect(body.filter((e) => e.recipientAccountId === ACCOUNT && e.awsRegion === REGION)).toEqual(events.slice(0, 4));
  });

  it('filters by account, region, source, name, errors, would-deny marks and time', async () => {
    expect(await exported(`?account=${ACCOUNT}&region=${REGION}`)).toEqual(idsOf(0, 1, 2, 3));
    expect(await exported(`?account=${OTHER_ACCOUNT}`)).toEqual(idsOf(5));
    expect(await exported('?region=eu-west-1')).toEqual(idsOf(4));
    expect(await exported('?eventSource=secretsmanager.amazonaws.com')).toEqual(idsOf(1));
    expect(await exported(`?eventName=Decrypt&region=${REGION}`)).toEqual(idsOf(2, 3));
    expect(await exported('?errors=true')).toEqual(idsOf(2));
    expect(await exported('?wouldDeny=true')).toEqual(idsOf(3));
    expect(await exported(`?region=${REGION}&errors=false`)).toEqual(idsOf(0, 1, 2, 3, 5));
    const since = encodeURIComponent(events[1].eventTime);
    const until = encodeURIComponent(events[2].eventTime);
    expect(await exported(`?region=${REGION}&since=${since}&until=${until}`)).toEqual(idsOf(1, 2));
  });

  it.each([
    ['?account=123', "account must be 12 digits, got '123'."],
    ['?region=mars', "region must be an AWS region name such as us-east-1, got 'mars'."],
    ['?errors=yes', "errors must be true or false, got 'yes'."],
    ['?since=yesterday', "since must be an ISO 8601 date, got 'yesterday'."],
    ['?eventName=A&eventName=B', 'eventName must be given once, with a value.'],
    ['?user=alice', 'Unknown filter user; the filters are account, region, eventSource, eventName, errors, wouldDeny, since, until.'],
  ])('answers 400 to %s', async (query, error) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error });
  });

  it('is refused to a page of another origin', async () => {
    const res = await get('', { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain(events[0].eventID);
  });
});

describe('--audit-log', () => {
  it('has one line per stored event, in the order stored, in a file only its owner can read', async () => {
    const logged = lines(readFileSync(logFile, 'utf8')).map((line) => JSON.parse(line) as TrailEvent);
    expect(logged).toEqual(events);
    expect(statSync(logFile).mode & 0o777).toBe(0o600);
  });

  it('appends to the file across restarts', async () => {
    const second = await startServer({ auditLog: logFile });
    try {
      const more = trailEvent({ eventTime: toSecond(second.strongroom.clock.now()) });
      await second.strongroom.trail.record(more);
      await second.close();
      const logged = lines(readFileSync(logFile, 'utf8')).map((line) => (JSON.parse(line) as TrailEvent).eventID);
      expect(logged).toEqual([...events, more].map((e) => e.eventID));
    } finally {
      await second.close();
    }
  });
});
