// The data dir itself: its modes (0700, files 0600: they hold the root key and sealed values),
// one Strongroom at a time on it (a second one is told the directory is in use, in this process
// or from another), and synchronous writes when asked for.
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecretCommand, DeleteSecretCommand, GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createStrongroom } from '../../src';
import { purging, Store } from '../../src/store/store';
import { buildCli, filesUnder, startCli, type CliProcess } from '../helpers/cli-process';
import { REGION, TEST_CREDENTIALS } from '../helpers/server';

let work: string;
let dataDir: string;
let cli: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'strongroom-data-dir-'));
  cli = buildCli(join(work, 'build'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

let runs = 0;
beforeEach(() => {
  dataDir = join(work, `data-${++runs}`);
});

const mode = (path: string) => statSync(path).mode & 0o777;
const client = (url: string) => new SecretsManagerClient({ endpoint: url, region: REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1 });

/** Enough writes that LevelDB makes more than its first files (a compaction writes a table file). */
async function fill(store: Store): Promise<void> {
  const table = store.table<string>('000000000000', 'us-east-1', 'test', 'things');
  for (let i = 0; i < 20; i++) await store.commit([table.put(`k${i}`, 'x'.repeat(10_000))]);
  await store.commit(purging([table.del('k0')]));
  await store.scrubbed();
}

describe('modes', () => {
  it('creates the data dir 0700 and every file in it 0600, those LevelDB makes while it runs too once closed', async () => {
    const store = await Store.open({ inMemory: false, dataDir });
    try {
      expect(mode(dataDir)).toBe(0o700);
      for (const file of filesUnder(dataDir)) expect([file, mode(file)]).toEqual([file, 0o600]);
      await fill(store);
    } finally {
      await store.close();
    }
    expect(filesUnder(dataDir).some((file) => file.endsWith('.ldb'))).toBe(true);
    for (const file of filesUnder(dataDir)) expect([file, mode(file)]).toEqual([file, 0o600]);
  });

  it('narrows an existing data dir and its files', async () => {
    await (await Store.open({ inMemory: false, dataDir })).close();
    chmodSync(dataDir, 0o755);
    for (const file of filesUnder(dataDir)) chmodSync(file, 0o644);
    const store = await Store.open({ inMemory: false, dataDir });
    try {
      expect(mode(dataDir)).toBe(0o700);
      for (const file of filesUnder(dataDir)) expect([file, mode(file)]).toEqual([file, 0o600]);
    } finally {
      await store.close();
    }
  });

  it('refuses a data dir path that is a file, and leaves the file alone', async () => {
    writeFileSync(dataDir, 'mine', { mode: 0o644 });
    await expect(Store.open({ inMemory: false, dataDir })).rejects.toThrow(`data dir ${dataDir} is not a directory`);
    expect(mode(dataDir)).toBe(0o644);
  });

  it('in a CLI process, every file is 0600 while it runs, those LevelDB makes after the start too (the umask is 077)', async () => {
    const server = await startCli(cli, ['--data-dir', dataDir]);
    const sm = client(server.url);
    try {
      for (let i = 0; i < 5; i++) await sm.send(new CreateSecretCommand({ Name: `s${i}`, SecretString: 'x'.repeat(60_000) }));
      // A purge, scrubbed before the clock move returns, makes LevelDB write a new log and table file.
      await sm.send(new DeleteSecretCommand({ SecretId: 's0', ForceDeleteWithoutRecovery: true }));
      await fetch(`${server.url}/_strongroom/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"advanceSeconds":0}' });
      expect(filesUnder(dataDir).some((file) => file.endsWith('.ldb'))).toBe(true);
      expect(mode(dataDir)).toBe(0o700);
      for (const file of filesUnder(dataDir)) expect([file, mode(file)]).toEqual([file, 0o600]);
    } finally {
      sm.destroy();
      await server.stop();
    }
  });
});

describe('one Strongroom per data dir', () => {
  it('tells a second store in the same process that the data dir is in use', async () => {
    const first = await Store.open({ inMemory: false, dataDir });
    try {
      await expect(Store.open({ inMemory: false, dataDir })).rejects.toThrow(
        `data dir ${dataDir} is in use by another Strongroom in this process: stop that one, or use another data dir`,
      );
    } finally {
      await first.close();
    }
  });

  it('tells a second process that the data dir is in use, and the first one carries on', async () => {
    const first = await startCli(cli, ['--data-dir', dataDir]);
    const sm = client(first.url);
    try {
      await sm.send(new CreateSecretCommand({ Name: 'first', SecretString: 'still here' }));
      expect(await refusedStart(['--data-dir', dataDir])).toEqual({
        code: 1,
        output: `strongroom: data dir ${dataDir} is in use by another Strongroom process: stop that one, or use another data dir\n`,
      });
      expect((await sm.send(new GetSecretValueCommand({ SecretId: 'first' }))).SecretString).toBe('still here');
    } finally {
      sm.destroy();
      await first.stop();
    }
  });

  it('is free again once the first one has closed', async () => {
    const strongroom = await createStrongroom({ port: 0, dataDir, logLevel: 'silent' });
    await strongroom.close();
    await (await createStrongroom({ port: 0, dataDir, logLevel: 'silent' })).close();
  });
});

describe('synchronous writes', () => {
  it('keeps what it acknowledged across a kill -9 (--sync-writes true)', async () => {
    const first = await startCli(cli, ['--data-dir', dataDir, '--sync-writes', 'true']);
    const sm = client(first.url);
    const created = await sm.send(new CreateSecretCommand({ Name: 'synced', SecretString: 'v1' }));
    const put = await sm.send(new PutSecretValueCommand({ SecretId: 'synced', SecretString: 'v2' }));
    sm.destroy();
    const killed = new Promise((r) => first.child.once('exit', r));
    first.child.kill('SIGKILL');
    await killed;

    const second = await startCli(cli, ['--data-dir', dataDir], { STRONGROOM_SYNC_WRITES: 'true' });
    const again = client(second.url);
    try {
      expect((await again.send(new GetSecretValueCommand({ SecretId: 'synced', VersionId: created.VersionId }))).SecretString).toBe('v1');
      expect((await again.send(new GetSecretValueCommand({ SecretId: 'synced', VersionId: put.VersionId }))).SecretString).toBe('v2');
    } finally {
      again.destroy();
      await second.stop();
    }
  });

  it('hands `sync: true` to every LevelDB batch', async () => {
    const store = await Store.open({ inMemory: false, dataDir, syncWrites: true });
    try {
      const db = (store as unknown as { db: { batch(...args: unknown[]): Promise<void> } }).db;
      const batch = jest.spyOn(db, 'batch');
      const table = store.table<number>('000000000000', 'us-east-1', 'test', 'things');
      await store.commit([table.put('a', 1)]);
      expect(batch).toHaveBeenCalledWith(expect.any(Array), { sync: true });
      expect(await table.get('a')).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('stops the CLI on a value that is not a boolean', async () => {
    expect(await refusedStart(['--data-dir', dataDir, '--sync-writes', 'always'])).toMatchObject({
      code: 2,
      output: expect.stringContaining("strongroom: --sync-writes must be true or false, got 'always'"),
    });
  });
});

/** The exit code and output of a CLI start that must fail (one that starts is stopped, and fails the test). */
async function refusedStart(args: string[]): Promise<{ code: number; output: string }> {
  let started: CliProcess;
  try {
    started = await startCli(cli, args);
  } catch (err) {
    const { code, output } = err as { code: number; output: string };
    return { code, output };
  }
  await started.stop();
  throw new Error('the CLI started');
}
