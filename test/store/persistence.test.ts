// State on disk outlives the process: through the AWS API (a KMS key created, the server closed
// and reopened on the same data dir), and through the Store itself (tables, atomic commits,
// reset, the root key file).
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateKeyCommand, DescribeKeyCommand } from '@aws-sdk/client-kms';
import { Sealer } from '../../src/store/sealing';
import { Store } from '../../src/store/store';
import { startServer } from '../helpers/server';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'strongroom-store-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('through the AWS API', () => {
  it('keeps what was written across a restart on the same data dir', async () => {
    const first = await startServer({ inMemory: false, dataDir });
    const created = await first.kms().send(new CreateKeyCommand({ Description: 'survives restarts' }));
    await first.close();

    const second = await startServer({ inMemory: false, dataDir });
    try {
      const described = await second.kms().send(new DescribeKeyCommand({ KeyId: created.KeyMetadata!.KeyId }));
      expect(described.KeyMetadata).toEqual(created.KeyMetadata);
    } finally {
      await second.close();
    }
  });
});

describe('Store', () => {
  it('commits a batch across tables atomically and reads it back after reopening', async () => {
    const store = await Store.open({ inMemory: false, dataDir });
    const keys = store.table<{ n: number }>('000000000000', 'us-east-1', 'kms', 'keys');
    const aliases = store.table<string>('000000000000', 'us-east-1', 'kms', 'aliases');
    await store.commit([keys.put('b', { n: 2 }), keys.put('a', { n: 1 }), aliases.put('alias/x', 'a')]);
    await store.close();

    const reopened = await Store.open({ inMemory: false, dataDir });
    try {
      const again = reopened.table<{ n: number }>('000000000000', 'us-east-1', 'kms', 'keys');
      expect(await again.get('a')).toEqual({ n: 1 });
      expect(await again.range()).toEqual([
        ['a', { n: 1 }],
        ['b', { n: 2 }],
      ]);
      expect(await reopened.table('000000000000', 'us-east-1', 'kms', 'aliases').get('alias/x')).toBe('a');
      // Tables of other accounts and regions are separate namespaces.
      expect(await reopened.table('111111111111', 'us-east-1', 'kms', 'keys').keys()).toEqual([]);
      expect(await reopened.table('000000000000', 'eu-west-1', 'kms', 'keys').get('a')).toBeUndefined();
    } finally {
      await reopened.close();
    }
  });

  it('writes nothing of a batch that fails', async () => {
    const store = await Store.open({ inMemory: false, dataDir });
    try {
      const keys = store.table<unknown>('000000000000', 'us-east-1', 'kms', 'keys');
      const bad = { ...keys.put('b', 1), key: undefined } as unknown as ReturnType<typeof keys.put>;
      await expect(store.commit([keys.put('a', 1), bad])).rejects.toThrow();
      expect(await keys.get('a')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('wipes everything on reset', async () => {
    const store = await Store.open({ inMemory: false, dataDir });
    try {
      const a = store.table<number>('000000000000', 'us-east-1', 'kms', 'keys');
      const b = store.table<number>('111111111111', 'eu-west-1', 'secretsmanager', 'secrets');
      await store.commit([a.put('x', 1), b.put('y', 2)]);
      await store.reset();
      expect(await a.keys()).toEqual([]);
      expect(await b.keys()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe('root key', () => {
  const sealedBy = async (options: { rootKey?: string }) => {
    const store = await Store.open({ inMemory: false, dataDir, ...options });
    const sealed = store.sealer.seal(Buffer.from('material'), 'aad');
    await store.close();
    return sealed;
  };

  it('is created 0600 in the data dir on first open and reused after', async () => {
    const sealed = await sealedBy({});
    const file = join(dataDir, 'root.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = readFileSync(file, 'utf8').trim();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(new Sealer(Buffer.from(key, 'hex')).unseal(sealed, 'aad').toString()).toBe('material');

    const store = await Store.open({ inMemory: false, dataDir });
    try {
      expect(store.sealer.unseal(sealed, 'aad').toString()).toBe('material');
      expect(readFileSync(file, 'utf8').trim()).toBe(key);
    } finally {
      await store.close();
    }
  });

  it('comes from STRONGROOM_ROOT_KEY (hex or base64) instead of a file when given', async () => {
    const key = Buffer.alloc(32, 7);
    const sealed = await sealedBy({ rootKey: key.toString('hex') });
    expect(existsSync(join(dataDir, 'root.key'))).toBe(false);
    expect(new Sealer(key).unseal(sealed, 'aad').toString()).toBe('material');
    const store = await Store.open({ inMemory: false, dataDir, rootKey: key.toString('base64') });
    try {
      expect(store.sealer.unseal(sealed, 'aad').toString()).toBe('material');
    } finally {
      await store.close();
    }
  });

  it('rejects a root key that is not 32 bytes, leaving the data dir free to open', async () => {
    await expect(Store.open({ inMemory: false, dataDir, rootKey: 'abcd' })).rejects.toThrow(
      'STRONGROOM_ROOT_KEY must be 32 bytes, as 64 hex characters or base64',
    );
    const store = await Store.open({ inMemory: false, dataDir });
    await store.close();
  });

  it('binds sealed values to where they are stored', async () => {
    const sealed = await sealedBy({});
    const store = await Store.open({ inMemory: false, dataDir });
    try {
      expect(() => store.sealer.unseal(sealed, 'elsewhere')).toThrow();
    } finally {
      await store.close();
    }
  });
});
