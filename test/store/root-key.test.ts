// The root key and the data dir that records it: a start with a key other than the one the data
// was sealed with, or with the key file gone, is refused with a message that says where the key
// came from and what to do, instead of starting and failing every secret and KMS call after;
// strongroom.json records the data format, and a data dir of a newer format is refused.
import { mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateKeyCommand, DecryptCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { CreateSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { createStrongroom } from '../../src';
import { fingerprint } from '../../src/store/sealing';
import { Store, type StoreOptions } from '../../src/store/store';
import { startServer } from '../helpers/server';

let dataDir: string;
let keyFile: string;
let metaFile: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'strongroom-root-key-'));
  keyFile = join(dataDir, 'root.key');
  metaFile = join(dataDir, 'strongroom.json');
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const KEY_A = Buffer.alloc(32, 0xa1);
const KEY_B = Buffer.alloc(32, 0xb2);
const meta = () => JSON.parse(readFileSync(metaFile, 'utf8'));
const fileKey = () => Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'hex');

/** Opens a store on the data dir, optionally writes a record, closes it. */
async function session(options: Partial<StoreOptions> = {}, write = false): Promise<void> {
  const store = await Store.open({ inMemory: false, dataDir, ...options });
  if (write) {
    const table = store.table<string>('000000000000', 'us-east-1', 'kms', 'keys');
    await store.commit([table.put('k', store.sealer.seal(Buffer.from('material'), 'k').toString('base64'))]);
  }
  await store.close();
}

/** The store opens again once the cause is fixed: a refused start leaves the data dir unlocked. */
async function opensWith(options: Partial<StoreOptions>): Promise<void> {
  await session(options);
}

describe('a new data dir', () => {
  it('gets a root key file (0600) and strongroom.json (0600) with the format and the key fingerprint, not the key', async () => {
    await session();
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(metaFile).mode & 0o777).toBe(0o600);
    expect(meta()).toEqual({ format: 1, rootKeyFingerprint: fingerprint(fileKey()) });
    expect(readFileSync(metaFile, 'utf8')).not.toContain(fileKey().toString('hex'));
    expect(readFileSync(metaFile, 'utf8')).not.toContain(fileKey().toString('base64'));
  });

  it('records the fingerprint of STRONGROOM_ROOT_KEY, and makes no key file', async () => {
    await session({ rootKey: KEY_A.toString('hex') });
    expect(meta()).toEqual({ format: 1, rootKeyFingerprint: fingerprint(KEY_A) });
    expect(() => statSync(keyFile)).toThrow();
  });
});

describe('a data dir with data', () => {
  it('opens with its own key, from the file or from STRONGROOM_ROOT_KEY', async () => {
    await session({}, true);
    await opensWith({});
    await opensWith({ rootKey: fileKey().toString('base64') });
  });

  it('refuses a root.key that is not the key its data was sealed with', async () => {
    await session({}, true);
    const right = readFileSync(keyFile);
    writeFileSync(keyFile, KEY_B.toString('hex'));
    await expect(session()).rejects.toThrow(
      `the root key in ${keyFile} is not the key the data in ${dataDir} was sealed with: restore the root.key that was there (or set STRONGROOM_ROOT_KEY to that key), or start with an empty data dir`,
    );
    writeFileSync(keyFile, right);
    await opensWith({});
  });

  it('refuses a STRONGROOM_ROOT_KEY that is not the key its data was sealed with', async () => {
    await session({ rootKey: KEY_A.toString('hex') }, true);
    await expect(session({ rootKey: KEY_B.toString('hex') })).rejects.toThrow(
      `STRONGROOM_ROOT_KEY is not the root key the data in ${dataDir} was sealed with: set it to that key, or start with an empty data dir`,
    );
    await opensWith({ rootKey: KEY_A.toString('hex') });
  });

  it('says to unset STRONGROOM_ROOT_KEY when root.key holds the right key', async () => {
    await session({}, true);
    await expect(session({ rootKey: KEY_B.toString('hex') })).rejects.toThrow(
      `STRONGROOM_ROOT_KEY is not the root key the data in ${dataDir} was sealed with: unset it to use ${keyFile}, which holds that key, or start with an empty data dir`,
    );
  });

  it('refuses to start without its key file rather than making a new key', async () => {
    await session({}, true);
    const right = readFileSync(keyFile);
    unlinkSync(keyFile);
    const missing = `${dataDir} holds data but its root key ${keyFile} is missing (and STRONGROOM_ROOT_KEY is not set): restore root.key, or set STRONGROOM_ROOT_KEY to the key the data was sealed with, or start with an empty data dir. A new key is not made: none of the stored values could be read with it`;
    await expect(session()).rejects.toThrow(missing);
    expect(() => statSync(keyFile)).toThrow();
    writeFileSync(keyFile, right);
    await opensWith({});
  });

  it('refuses a start without STRONGROOM_ROOT_KEY when its data was sealed under that variable', async () => {
    await session({ rootKey: KEY_A.toString('hex') }, true);
    await expect(session()).rejects.toThrow(`${dataDir} holds data but its root key ${keyFile} is missing`);
    expect(() => statSync(keyFile)).toThrow();
  });
});

describe('a data dir without data', () => {
  it('takes another key and records it: nothing was sealed under the old one', async () => {
    await session();
    writeFileSync(keyFile, KEY_B.toString('hex'));
    await session();
    expect(meta().rootKeyFingerprint).toBe(fingerprint(KEY_B));
    unlinkSync(keyFile);
    await session();
    expect(meta().rootKeyFingerprint).toBe(fingerprint(fileKey()));
    await session({ rootKey: KEY_A.toString('hex') });
    expect(meta().rootKeyFingerprint).toBe(fingerprint(KEY_A));
  });
});

describe('a data dir written before strongroom.json (format 1)', () => {
  it('is adopted with its root.key: the file is written, and from then on another key is refused', async () => {
    await session({}, true);
    unlinkSync(metaFile);
    await session();
    expect(meta()).toEqual({ format: 1, rootKeyFingerprint: fingerprint(fileKey()) });
    await expect(session({ rootKey: KEY_B.toString('hex') })).rejects.toThrow('STRONGROOM_ROOT_KEY is not the root key the data');
  });

  it('with data but no root.key is refused: the key is lost, not new', async () => {
    await session({}, true);
    unlinkSync(metaFile);
    unlinkSync(keyFile);
    await expect(session()).rejects.toThrow(`${dataDir} holds data but its root key ${keyFile} is missing`);
  });
});

describe('the data format', () => {
  it('refuses a data dir written by a newer format and leaves it as it was', async () => {
    await session({}, true);
    writeFileSync(metaFile, JSON.stringify({ format: 2, rootKeyFingerprint: meta().rootKeyFingerprint }));
    await expect(session()).rejects.toThrow(
      `${dataDir} was written by a newer Strongroom (data format 2; this release reads format 1): start that release or a later one, or use another data dir`,
    );
    expect(meta().format).toBe(2);
  });

  it.each([['not json'], ['{"format":"one"}'], ['null']])('refuses an unreadable strongroom.json (%s)', async (text) => {
    await session({}, true);
    writeFileSync(metaFile, text);
    await expect(session()).rejects.toThrow(`${metaFile} is not readable (`);
    await expect(session()).rejects.toThrow(`): restore it, or remove it if ${keyFile} (or STRONGROOM_ROOT_KEY) is the key the data was sealed with`);
  });
});

describe('through createStrongroom', () => {
  it('refuses to start on the wrong key instead of answering 500 to every sealed read; the right key serves the old data', async () => {
    const first = await startServer({ inMemory: false, dataDir });
    const kms = first.kms();
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('kept') }));
    await first.sm().send(new CreateSecretCommand({ Name: 'kept', SecretString: 'kept value' }));
    await first.close();

    const right = readFileSync(keyFile);
    writeFileSync(keyFile, KEY_B.toString('hex'));
    await expect(createStrongroom({ port: 0, dataDir, logLevel: 'silent' })).rejects.toThrow(`the root key in ${keyFile} is not the key`);
    writeFileSync(keyFile, right);

    const second = await startServer({ inMemory: false, dataDir });
    try {
      expect(Buffer.from((await second.kms().send(new DecryptCommand({ CiphertextBlob }))).Plaintext!).toString()).toBe('kept');
      expect((await second.sm().send(new GetSecretValueCommand({ SecretId: 'kept' }))).SecretString).toBe('kept value');
    } finally {
      await second.close();
    }
  });
});
