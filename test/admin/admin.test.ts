// Strongroom's own routes under /_strongroom/: health, reset, and the emulated clock.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateKeyCommand, DescribeKeyCommand } from '@aws-sdk/client-kms';
import { awsError, startServer, useServer } from '../helpers/server';

const server = useServer();

const admin = async (method: string, route: string, body?: string) => {
  const res = await fetch(`${server.url}/_strongroom/${route}`, {
    method,
    // State-changing routes take JSON only.
    ...(method === 'POST' ? { headers: { 'content-type': 'application/json' } } : {}),
    ...(body === undefined ? {} : { body }),
  });
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};
const setClock = (body: unknown) => admin('POST', 'clock', JSON.stringify(body));
const secondsBetween = (a: string | Date, b: number) => Math.abs(new Date(a).getTime() - b) / 1000;

describe('health', () => {
  it('names the version, the services and the storage mode', async () => {
    const version = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
    expect(await admin('GET', 'health')).toEqual({
      status: 200,
      json: { status: 'ok', version, services: ['secretsmanager', 'kms', 'sts', 'cloudtrail'], storage: 'memory' },
    });
  });

  it('says disk when state is kept in a data dir', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'strongroom-admin-'));
    const onDisk = await startServer({ inMemory: false, dataDir });
    try {
      const res = await fetch(`${onDisk.url}/_strongroom/health`);
      expect(await res.json()).toMatchObject({ storage: 'disk' });
    } finally {
      await onDisk.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('reset', () => {
  it('wipes every resource', async () => {
    const kms = server.kms();
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: KeyMetadata!.KeyId }))).KeyMetadata!.KeyId).toBe(KeyMetadata!.KeyId);
    expect(await admin('POST', 'reset')).toEqual({ status: 200, json: { reset: true } });
    expect(await awsError(() => kms.send(new DescribeKeyCommand({ KeyId: KeyMetadata!.KeyId })))).toEqual({
      name: 'NotFoundException',
      message: `Key '${KeyMetadata!.Arn}' does not exist`,
      status: 400,
    });
  });
});

describe('clock', () => {
  afterEach(() => setClock({ offsetSeconds: 0 }));

  it('starts at real time', async () => {
    const { status, json } = await admin('GET', 'clock');
    expect(status).toBe(200);
    expect(json.offsetSeconds).toBe(0);
    expect(secondsBetween(json.now as string, Date.now())).toBeLessThan(5);
  });

  it('sets an offset, advances it, and sets the time itself', async () => {
    const set = await setClock({ offsetSeconds: 3600 });
    expect(set.status).toBe(200);
    expect(set.json.offsetSeconds).toBe(3600);
    expect(secondsBetween(set.json.now as string, Date.now() + 3600_000)).toBeLessThan(5);

    expect((await setClock({ advanceSeconds: -600 })).json.offsetSeconds).toBe(3000);
    expect((await admin('GET', 'clock')).json.offsetSeconds).toBe(3000);

    const target = Date.now() + 30 * 86400_000;
    const moved = await setClock({ now: new Date(target).toISOString() });
    expect(secondsBetween(moved.json.now as string, target)).toBeLessThan(5);
    expect(Math.abs((moved.json.offsetSeconds as number) - 30 * 86400)).toBeLessThan(5);
  });

  it('is the time AWS operations see', async () => {
    await setClock({ offsetSeconds: 365 * 86400 });
    const { KeyMetadata } = await server.kms().send(new CreateKeyCommand({}));
    expect(secondsBetween(KeyMetadata!.CreationDate!, Date.now() + 365 * 86400_000)).toBeLessThan(5);
  });

  it.each([
    ['an empty object', '{}'],
    ['a string offset', '{"offsetSeconds":"10"}'],
    ['an unparsable date', '{"now":"next tuesday"}'],
    ['an offset beyond any date', '{"offsetSeconds":1e300}'],
  ])('answers 400 JSON for %s and leaves the clock alone', async (_, body) => {
    const res = await admin('POST', 'clock', body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: 'Send {"offsetSeconds": n}, {"advanceSeconds": n} or {"now": "<ISO 8601 date>"}.' });
    expect((await admin('GET', 'clock')).json.offsetSeconds).toBe(0);
  });

  it('answers 400 JSON for a body that is not JSON', async () => {
    const res = await admin('POST', 'clock', '{"offsetSeconds":');
    expect(res.status).toBe(400);
    expect(res.json.error).toEqual(expect.any(String));
  });
});

describe('unknown admin routes', () => {
  it('answer 404 JSON', async () => {
    expect(await admin('GET', 'nope')).toEqual({ status: 404, json: { error: expect.stringContaining('No route for GET /_strongroom/nope') } });
    expect((await admin('GET', 'reset')).status).toBe(404);
  });
});
