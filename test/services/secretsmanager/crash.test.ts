// A real server process on a data dir, killed with SIGKILL in the middle of concurrent writes:
// after a restart every acknowledged write is readable and has its audit event and that of the
// KMS call made for it (a call is answered only once its event is stored, and the trail is
// written in order), and no secret value is anywhere in the data dir's bytes.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecretCommand, GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { buildCli, filesUnder, startCli } from '../../helpers/cli-process';
import { REGION, TEST_CREDENTIALS } from '../../helpers/server';
import type { TrailEvent } from '../../../src/audit/types';

const SECRETS = 10;
const WRITES = 300;
const KILL_AFTER = 120;

const start = (cli: string, dataDir: string) => startCli(cli, ['--data-dir', dataDir, '--log-level', 'info']);

/** The trail's events for `eventName`, read through the export. */
async function events(url: string, eventName: string): Promise<TrailEvent[]> {
  const res = await fetch(`${url}/_strongroom/audit?eventName=${eventName}`);
  expect(res.status).toBe(200);
  return (await res.text())
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as TrailEvent);
}

const eventRequestIds = async (url: string, eventName: string) => new Set((await events(url, eventName)).map((event) => event.requestID));

/** The versions whose data key the trail shows made (the KMS GenerateDataKey Secrets Manager calls for, whose answer does not wait for its event). */
async function dataKeyVersions(url: string): Promise<Set<string>> {
  const made = await events(url, 'GenerateDataKey');
  return new Set(made.map((event) => (event.requestParameters as { encryptionContext: { SecretVersionId: string } }).encryptionContext.SecretVersionId));
}

const client = (url: string) => new SecretsManagerClient({ endpoint: url, region: REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1 });

let work: string;
let cli: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'strongroom-crash-'));
  cli = buildCli(join(work, 'build'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a server killed mid-write', () => {
  it('keeps every acknowledged write and its audit event, and never stores a value in the clear', async () => {
    const dataDir = join(work, 'data');
    const sent: string[] = [];
    const acknowledged: { name: string; versionId: string; value: string; requestId: string; operation: string }[] = [];

    const first = await start(cli, dataDir);
    const sm = client(first.url);
    const names = Array.from({ length: SECRETS }, (_, i) => `crash/secret-${i}`);
    for (const name of names) {
      const value = `crash-value-${randomUUID()}`;
      sent.push(value);
      const res = await sm.send(new CreateSecretCommand({ Name: name, SecretString: value }));
      acknowledged.push({ name, versionId: res.VersionId!, value, requestId: res.$metadata.requestId!, operation: 'CreateSecret' });
    }
    const killed = new Promise((r) => first.child.once('exit', r));
    let acks = 0;
    await Promise.allSettled(
      Array.from({ length: WRITES }, async (_, i) => {
        const value = `crash-value-${randomUUID()}`;
        sent.push(value);
        const res = await sm.send(new PutSecretValueCommand({ SecretId: names[i % SECRETS], SecretString: value }));
        acknowledged.push({ name: names[i % SECRETS], versionId: res.VersionId!, value, requestId: res.$metadata.requestId!, operation: 'PutSecretValue' });
        if (++acks === KILL_AFTER) first.child.kill('SIGKILL');
      }),
    );
    await killed;
    sm.destroy();
    expect(acks).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(acks).toBeLessThan(WRITES);

    const second = await start(cli, dataDir);
    const again = client(second.url);
    try {
      for (const { name, versionId, value } of acknowledged) {
        expect((await again.send(new GetSecretValueCommand({ SecretId: name, VersionId: versionId }))).SecretString).toBe(value);
      }
      const recorded = { CreateSecret: await eventRequestIds(second.url, 'CreateSecret'), PutSecretValue: await eventRequestIds(second.url, 'PutSecretValue') };
      const missing = acknowledged.filter(({ operation, requestId }) => !recorded[operation as keyof typeof recorded].has(requestId)).map(({ operation, requestId }) => `${operation} ${requestId}`);
      expect(missing).toEqual([]);
      const withDataKey = await dataKeyVersions(second.url);
      expect(acknowledged.filter(({ versionId }) => !withDataKey.has(versionId)).map(({ versionId }) => versionId)).toEqual([]);
    } finally {
      again.destroy();
      await second.stop();
    }

    const files = filesUnder(dataDir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const value of sent) expect(bytes.includes(value)).toBe(false);
    }
  });
});
