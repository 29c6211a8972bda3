// GET /_strongroom/export (its header, the browser guard, no caching, the key material warning)
// and `strongroom export` on a data dir (mode 0600, the lock of a running server).
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import { CreateSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { parse } from 'yaml';
import { parseExportArgs, runExport, type ExportCommand } from '../../src/export/cli';
import { startServer, useServer } from '../helpers/server';

describe('GET /_strongroom/export', () => {
  const server = useServer();
  const get = (query = '', headers: Record<string, string> = { 'X-Strongroom-Export': '1' }) => fetch(`${server.url}/_strongroom/export${query}`, { headers });

  beforeAll(async () => {
    await server.sm().send(new CreateSecretCommand({ Name: 'web', SecretString: 'hunter2' }));
    await server.kms().send(new CreateKeyCommand({}));
  });

  test('answers the state as YAML, never cached', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(res.headers.get('x-strongroom-warning')).toBeNull();
    const doc = parse(await res.text());
    expect(doc.secretsmanager.secrets[0]).toMatchObject({ name: 'web', versions: [{ secretString: 'hunter2', stages: ['AWSCURRENT'] }] });
    expect(doc.kms.keys[0].material).toBeUndefined();
  });

  test('needs the X-Strongroom-Export header', async () => {
    const res = await get('', {});
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: 'GET /_strongroom/export returns every secret value: send the header X-Strongroom-Export: 1 to confirm.' });
  });

  test('is refused to a page of another origin, even with the header', async () => {
    const res = await get('', { 'X-Strongroom-Export': '1', Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('hunter2');
  });

  test('a preflight for the header is not allowed, so no page can send it cross-origin', async () => {
    const res = await fetch(`${server.url}/_strongroom/export`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-strongroom-export' },
    });
    expect(res.headers.get('access-control-allow-headers') ?? '').not.toMatch(/x-strongroom-export/i);
  });

  test('JSON, key material with a warning header and comment, filters', async () => {
    const json = await get('?format=json&includeKeyMaterial=true&account=000000000000&region=us-east-1');
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(json.headers.get('x-strongroom-warning')).toMatch(/key material has left KMS/);
    expect(((await json.json()) as { kms: { keys: { material: { base64: string } }[] } }).kms.keys[0].material.base64).toEqual(expect.any(String));
    const yaml = await (await get('?includeKeyMaterial=true')).text();
    expect(yaml).toContain('# WARNING: this export holds KMS key material');
  });

  test('a bad parameter is a 400', async () => {
    for (const [query, error] of [
      ['?format=xml', "format must be yaml or json, got 'xml'."],
      ['?includeKeyMaterial=yes', "includeKeyMaterial must be true or false, got 'yes'."],
      ['?account=12', "account must be 12 digits, got '12'."],
      ['?colour=red', 'Unknown filter colour; the filters are account, region, format, includeKeyMaterial.'],
    ]) {
      const res = await get(query);
      expect([res.status, await res.json()]).toEqual([400, { error }]);
    }
  });
});

describe('strongroom export', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'strongroom-export-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const command = (argv: string[]) => parseExportArgs(argv, {}) as ExportCommand;
  const capture = () => {
    const out = { stdout: '', stderr: '' };
    return { out, stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) };
  };

  test('writes a data dir as a seed file, mode 0600, that loads back', async () => {
    const dataDir = join(dir, 'data');
    const first = await startServer({ inMemory: false, dataDir });
    await first.sm().send(new CreateSecretCommand({ Name: 'kept', SecretString: 'on disk' }));
    await first.kms().send(new CreateKeyCommand({}));
    await first.close();

    const out = join(dir, 'state.yaml');
    writeFileSync(out, 'old', { mode: 0o644 });
    const io = capture();
    await runExport(command(['--data-dir', dataDir, '--out', out, '--include-key-material']), {}, io.stdout, io.stderr);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(io.out.stderr).toMatch(/^strongroom export: WARNING: this export holds KMS key material/);
    expect(io.out.stderr).toContain(`1 keys, 0 aliases, 1 secrets written to ${out}`);
    expect(io.out.stdout).toBe('');

    const copy = await startServer({ seeds: [out] });
    try {
      expect((await copy.sm().send(new GetSecretValueCommand({ SecretId: 'kept' }))).SecretString).toBe('on disk');
      expect((await copy.strongroom.exportState({ includeKeyMaterial: true })).text).toBe(readFileSync(out, 'utf8'));
    } finally {
      await copy.close();
    }
  });

  test('to standard output, JSON for a .json name, no warning without material', async () => {
    const dataDir = join(dir, 'data');
    const first = await startServer({ inMemory: false, dataDir });
    await first.sm().send(new CreateSecretCommand({ Name: 'one', SecretString: '1' }));
    await first.close();
    const io = capture();
    await runExport(command(['--data-dir', dataDir, '--format', 'json']), {}, io.stdout, io.stderr);
    expect(JSON.parse(io.out.stdout).secretsmanager.secrets[0].name).toBe('one');
    expect(io.out.stderr).toBe('');
    expect(parseExportArgs(['--out', 'x.JSON'], { STRONGROOM_DATA_DIR: '/d' })).toMatchObject({ format: 'json', dataDir: '/d' });
  });

  test('a running server holds the data dir: the message points at the route', async () => {
    const dataDir = join(dir, 'data');
    const running = await startServer({ inMemory: false, dataDir });
    try {
      const io = capture();
      await expect(runExport(command(['--data-dir', dataDir]), {}, io.stdout, io.stderr)).rejects.toThrow(
        /is in use by another Strongroom in this process: stop that one, or use another data dir\. To export a running server's state, use GET \/_strongroom\/export with the header X-Strongroom-Export: 1\./,
      );
    } finally {
      await running.close();
    }
  });

  test('a data dir that does not exist is not made', async () => {
    const io = capture();
    await expect(runExport(command(['--data-dir', join(dir, 'nope')]), {}, io.stdout, io.stderr)).rejects.toThrow(`data dir ${join(dir, 'nope')} does not exist`);
  });

  test('bad arguments', () => {
    expect(() => parseExportArgs(['--format', 'xml'], {})).toThrow("--format must be yaml or json, got 'xml'");
    expect(() => parseExportArgs(['--account', 'x'], {})).toThrow("--account must be 12 digits, got 'x'");
    expect(() => parseExportArgs(['--port', '1'], {})).toThrow(/Unknown option '--port'/);
    expect(parseExportArgs(['--help'], {})).toBe('help');
  });
});
