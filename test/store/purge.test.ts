// Deleted means gone: once a KMS key or a secret is purged, or the admin reset has run, its
// sealed material and values are nowhere in the data dir's files (LevelDB's log and tables),
// so not even the root key can bring them back. The scans look for windows of the sealed
// strings taken from the files before the purge, and check that they saw them there first.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Level } from 'level';
import { DecryptCommand, DescribeKeyCommand, EncryptCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { CreateSecretCommand, DeleteSecretCommand, GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { fingerprint } from '../../src/store/sealing';
import { Scrubber, tracked, type Compactable } from '../../src/store/scrub';
import { purging, Store } from '../../src/store/store';
import { dataDirHolds, filesUnder } from '../helpers/cli-process';
import { advanceClock, awsError, startServer, type TestServer } from '../helpers/server';
import { createKey, DAY } from '../services/kms/key-management';

let dir: string;
let dataDir: string;
let server: TestServer | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'strongroom-purge-'));
  dataDir = join(dir, 'data');
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function serve(options: { seeds?: string[]; rootKey?: string } = {}): Promise<TestServer> {
  await server?.close();
  server = await startServer({ inMemory: false, dataDir, ...options });
  return server;
}

/**
 * The sealed strings (KMS material, secret values and their data keys) written to the data dir's
 * log since `before` was taken: records are in the log uncompressed until LevelDB writes its
 * memtable out to a table file.
 */
function sealedStrings(before: string[] = []): string[] {
  const found = new Set<string>();
  for (const file of filesUnder(dataDir)) {
    for (const match of readFileSync(file).toString('latin1').matchAll(/"(?:sealed|body|dataKey)":"([A-Za-z0-9+/=]{24,})"/g)) found.add(match[1]);
  }
  return [...found].filter((s) => !before.includes(s));
}

/**
 * Four 16-character windows of a sealed string's last 64 characters, its random part (a KMS
 * ciphertext begins with the ids of its key, which other values share): LevelDB compresses its
 * table files, which may split a string.
 */
const windows = (sealed: string) => [64, 48, 32, 16].map((n) => sealed.slice(Math.max(0, sealed.length - n)).slice(0, 16));
const traceOf = (sealed: string) => windows(sealed).some((w) => dataDirHolds(dataDir, w));

function expectGone(sealed: Iterable<string>): void {
  for (const s of sealed) expect([s, windows(s).filter((w) => dataDirHolds(dataDir, w))]).toEqual([s, []]);
}

const SEEDED_ID = 'c0000000-0000-4000-8000-00000000000d';
const material = randomBytes(32);

describe('a purged KMS key', () => {
  it('leaves neither its sealed material nor its material in the files, after a restart put it in a table file', async () => {
    const seed = join(dir, 'seed.yaml');
    writeFileSync(seed, `kms:\n  keys:\n    - { keyId: ${SEEDED_ID}, material: { hex: ${material.toString('hex')} } }\n`);
    let kms = (await serve({ seeds: [seed] })).kms();
    const doomed = sealedStrings();
    expect(doomed).toHaveLength(1);
    const survivor = await createKey(kms);
    const kept = sealedStrings(doomed);
    expect(kept).toHaveLength(1);
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: survivor.KeyId, Plaintext: Buffer.from('survives') }));

    kms = (await serve()).kms();
    expect(doomed.every(traceOf)).toBe(true);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: SEEDED_ID, PendingWindowInDays: 7 }));
    await advanceClock(server!, 8 * DAY);

    expect((await awsError(() => kms.send(new DescribeKeyCommand({ KeyId: SEEDED_ID })))).name).toBe('NotFoundException');
    expectGone(doomed);
    for (const form of [material, material.toString('hex'), material.toString('base64')]) expect(dataDirHolds(dataDir, form)).toBe(false);
    // The scan does see what is still stored.
    expect(kept.every(traceOf)).toBe(true);
    expect(Buffer.from((await kms.send(new DecryptCommand({ CiphertextBlob }))).Plaintext!).toString()).toBe('survives');
  });
});

describe('a purged secret', () => {
  it.each([
    ['forced (ForceDeleteWithoutRecovery), scrubbed by the next sweep', { ForceDeleteWithoutRecovery: true }, 0],
    ['at the end of its recovery window', { RecoveryWindowInDays: 7 }, 8 * DAY],
  ])('leaves none of its values in the files: %s', async (_, deletion, advance) => {
    const sm = (await serve()).sm();
    const keptValue = `kept-${randomBytes(16).toString('hex')}`;
    await sm.send(new CreateSecretCommand({ Name: 'kept', SecretString: keptValue }));
    // The secret's values, and the KMS key their data keys are under (alias/aws/secretsmanager).
    const others = sealedStrings();
    expect(others).toHaveLength(3);
    const value = `purged-${randomBytes(16).toString('hex')}`;
    await sm.send(new CreateSecretCommand({ Name: 'doomed', SecretString: value }));
    await sm.send(new PutSecretValueCommand({ SecretId: 'doomed', SecretString: `${value}-2` }));
    // Two values, each with its data key.
    const doomed = sealedStrings(others);
    expect(doomed).toHaveLength(4);

    await sm.send(new DeleteSecretCommand({ SecretId: 'doomed', ...deletion }));
    await advanceClock(server!, advance);

    expect((await awsError(() => sm.send(new GetSecretValueCommand({ SecretId: 'doomed' })))).name).toBe('ResourceNotFoundException');
    expectGone(doomed);
    expect(dataDirHolds(dataDir, value)).toBe(false);
    expect(others.every(traceOf)).toBe(true);
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'kept' }))).SecretString).toBe(keptValue);
  });
});

describe('the admin reset on disk', () => {
  async function fillAndReset(options: { rootKey?: string } = {}): Promise<string[]> {
    const s = await serve(options);
    await createKey(s.kms());
    await s.sm().send(new CreateSecretCommand({ Name: 'wiped', SecretString: 'wiped value' }));
    const wiped = sealedStrings();
    expect(wiped.length).toBeGreaterThanOrEqual(3);
    await s.reset();
    return wiped;
  }

  /** Both services work after the reset, and what they write is read back after a restart. */
  async function worksAfter(options: { rootKey?: string } = {}): Promise<void> {
    let s = server!;
    const key = await createKey(s.kms());
    const { CiphertextBlob } = await s.kms().send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('after') }));
    await s.sm().send(new CreateSecretCommand({ Name: 'wiped', SecretString: 'after reset' }));
    s = await serve(options);
    expect(Buffer.from((await s.kms().send(new DecryptCommand({ CiphertextBlob }))).Plaintext!).toString()).toBe('after');
    expect((await s.sm().send(new GetSecretValueCommand({ SecretId: 'wiped' }))).SecretString).toBe('after reset');
  }

  it('removes every sealed value from the files and replaces the root key Strongroom made', async () => {
    const keyFile = join(dataDir, 'root.key');
    const meta = () => JSON.parse(readFileSync(join(dataDir, 'strongroom.json'), 'utf8'));
    await serve();
    const oldKey = readFileSync(keyFile, 'utf8').trim();
    const wiped = await fillAndReset();
    expectGone(wiped);
    const newKey = readFileSync(keyFile, 'utf8').trim();
    expect(newKey).not.toBe(oldKey);
    expect(dataDirHolds(dataDir, oldKey)).toBe(false);
    expect(meta()).toEqual({ format: 1, rootKeyFingerprint: fingerprint(Buffer.from(newKey, 'hex')) });
    await worksAfter();
  });

  it('keeps a root key given in STRONGROOM_ROOT_KEY', async () => {
    const rootKey = randomBytes(32).toString('hex');
    const wiped = await fillAndReset({ rootKey });
    expectGone(wiped);
    expect(filesUnder(dataDir).some((file) => file.endsWith('root.key'))).toBe(false);
    await worksAfter({ rootKey });
  });

  it('lets requests made during the reset wait for the new database rather than fail', async () => {
    const sm = (await serve()).sm();
    const names = Array.from({ length: 20 }, (_, i) => `during-${i}`);
    const [, ...created] = await Promise.all([server!.reset(), ...names.map((Name) => sm.send(new CreateSecretCommand({ Name, SecretString: Name })))]);
    expect(created.map((c) => c.Name)).toEqual(names);
    const after = await sm.send(new CreateSecretCommand({ Name: 'after', SecretString: 'after' }));
    expect((await sm.send(new GetSecretValueCommand({ SecretId: after.ARN }))).SecretString).toBe('after');
  });
});

describe('the scrub', () => {
  const blob = () => randomBytes(48).toString('base64');

  it('waits for the reads in flight (each holds a snapshot that keeps the old value), then removes the value', async () => {
    const store = await Store.open({ inMemory: false, dataDir });
    try {
      const table = store.table<string>('000000000000', 'us-east-1', 'test', 'things');
      const value = blob();
      await store.commit([table.put('doomed', value), table.put('kept', blob())]);
      const db = (store as unknown as { db: Level<string, unknown> }).db;
      const iterator = db.iterator();
      await iterator.next();
      let endRead!: () => void;
      tracked(db, new Promise<void>((resolve) => (endRead = resolve)));

      await store.commit(purging([table.del('doomed')]));
      let scrubbed = false;
      const scrub = store.scrubbed().then(() => (scrubbed = true));
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
      expect(scrubbed).toBe(false);
      await iterator.close();
      endRead();
      await scrub;
      expect(dataDirHolds(dataDir, value)).toBe(false);
      expect(await table.get('kept')).toBeDefined();
    } finally {
      await store.close();
    }
  });

  it('leaves alone a key written again since its purge', async () => {
    const store = await Store.open({ inMemory: false, dataDir });
    try {
      const table = store.table<string>('000000000000', 'us-east-1', 'test', 'things');
      await store.commit([table.put('again', 'first')]);
      await store.commit(purging([table.del('again')]));
      await store.commit([table.put('again', 'second')]);
      await store.scrubbed();
      expect(await table.get('again')).toBe('second');
    } finally {
      await store.close();
    }
  });

  it('removes a value that a snapshot pinned beside its tombstone in the deepest level', async () => {
    const key = '!000000000000!!us-east-1!!test!!things!doomed';
    const db = new Level<string, string>(dataDir);
    const raw = db as unknown as Compactable;
    try {
      const value = blob();
      await db.put(key, value);
      for (let i = 0; i < 2_000; i++) await db.put(`!000000000000!!us-east-1!!test!!things!z${i}`, blob());
      await raw.compactRange('!', '~');
      // A compaction while an older snapshot is open keeps the value and moves it down with its tombstone.
      const iterator = db.iterator();
      await iterator.next();
      await db.del(key);
      await raw.compactRange(key, key);
      await iterator.close();
      await raw.compactRange(key, key);
      expect(dataDirHolds(dataDir, value)).toBe(true);

      const scrubber = new Scrubber(() => raw);
      scrubber.add('000000000000/us-east-1/test/things', key);
      await scrubber.settled();
      expect(dataDirHolds(dataDir, value)).toBe(false);
      expect(await db.get('!000000000000!!us-east-1!!test!!things!z1')).toBeDefined();
    } finally {
      await db.close();
    }
  });
});
