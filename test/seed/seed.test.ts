// The seed loader: YAML or JSON, a version, and one section per registered seeder. Every
// mistake names the file; sections go to their seeders in file order.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSeedFile, SeedError, type Seeder } from '../../src/seed';
import { startServer } from '../helpers/server';

const defaults = { accountId: '000000000000', region: 'us-east-1' };
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'strongroom-seed-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function recorder(): { seeders: Record<string, Seeder>; calls: [string, unknown, unknown, string][] } {
  const calls: [string, unknown, unknown, string][] = [];
  const seeder = (name: string): Seeder => async (section, d, f) => {
    calls.push([name, section, d, f]);
  };
  return { seeders: { kms: seeder('kms'), secretsmanager: seeder('secretsmanager') }, calls };
}

describe('loadSeedFile', () => {
  it('hands each section to its seeder, in file order, with the defaults and the file', async () => {
    const { seeders, calls } = recorder();
    const path = file('seed.yaml', 'version: 1\nsecretsmanager:\n  secrets: [{ name: a }]\nkms:\n  keys: []\n');
    await loadSeedFile(path, seeders, defaults);
    expect(calls).toEqual([
      ['secretsmanager', { secrets: [{ name: 'a' }] }, defaults, path],
      ['kms', { keys: [] }, defaults, path],
    ]);
  });

  it('answers how many entries of each kind the file declared', async () => {
    const { seeders } = recorder();
    const path = file('seed.yaml', 'secretsmanager:\n  secrets: [{ name: a }, { name: b }]\nkms:\n  keys: [{ keyId: k }]\n  aliases: []\n');
    expect(await loadSeedFile(path, seeders, defaults)).toEqual({ secrets: 2, keys: 1, aliases: 0 });
    expect(await loadSeedFile(file('empty.yaml', '# nothing yet\n'), seeders, defaults)).toEqual({});
  });

  it('reads JSON files too', async () => {
    const { seeders, calls } = recorder();
    await loadSeedFile(file('seed.json', '{"version": 1, "kms": {"keys": [{"keyId": "k"}]}}'), seeders, defaults);
    expect(calls.map(([name, section]) => [name, section])).toEqual([['kms', { keys: [{ keyId: 'k' }] }]]);
  });

  it('skips empty files and empty sections, and takes a file without a version', async () => {
    const { seeders, calls } = recorder();
    await loadSeedFile(file('empty.yaml', '# nothing yet\n'), seeders, defaults);
    await loadSeedFile(file('blank.yaml', 'kms:\nsecretsmanager: ~\n'), seeders, defaults);
    expect(calls).toEqual([]);
  });

  it.each([
    ['an unknown section', 'seed.yaml', 'version: 1\niam: {}\n', "unknown section 'iam' (known: kms, secretsmanager)"],
    ['an unsupported version', 'seed.yaml', 'version: 2\nkms: {}\n', 'unsupported version 2 (this Strongroom reads version 1)'],
    ['a top level that is not a mapping', 'seed.yaml', '- kms\n', 'the top level must be a mapping'],
    ['a YAML syntax error', 'seed.yaml', 'kms: [1, 2\nsecretsmanager: {}\n', 'Flow sequence in block collection must be sufficiently indented'],
    ['a JSON syntax error', 'seed.json', '{"kms": }', 'is not valid JSON'],
  ])('rejects %s, naming the file', async (_, name, text, message) => {
    const { seeders, calls } = recorder();
    const path = file(name, text);
    const error = await loadSeedFile(path, seeders, defaults).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedError);
    expect((error as Error).message).toContain(`seed ${path}: `);
    expect((error as Error).message).toContain(message);
    expect(calls).toEqual([]);
  });

  it('checks every section name before seeding anything', async () => {
    const { seeders, calls } = recorder();
    await expect(loadSeedFile(file('seed.yaml', 'kms: {}\nnope: {}\n'), seeders, defaults)).rejects.toThrow("unknown section 'nope'");
    expect(calls).toEqual([]);
  });

  it('names the file and section when a seeder fails', async () => {
    const path = file('seed.yaml', 'kms: { keys: [1] }\n');
    const seeders: Record<string, Seeder> = {
      kms: async () => {
        throw new Error('keys[0] must be a mapping');
      },
    };
    await expect(loadSeedFile(path, seeders, defaults)).rejects.toThrow(`seed ${path}: kms: keys[0] must be a mapping`);
  });

  it('reports a missing file by name', async () => {
    const path = join(dir, 'missing.yaml');
    await expect(loadSeedFile(path, {}, defaults)).rejects.toThrow(`seed ${path}: ENOENT`);
  });
});

describe('seeds at start', () => {
  it('stops the start on a bad seed file', async () => {
    const path = file('bad.yaml', 'version: 1\nnope: {}\n');
    await expect(startServer({ seeds: [path] })).rejects.toThrow(`seed ${path}: unknown section 'nope'`);
  });

  it('starts with the demo fixture', async () => {
    const server = await startServer({ seeds: [join(__dirname, '..', '..', 'fixtures', 'demo.yaml')] });
    await server.close();
  });
});
