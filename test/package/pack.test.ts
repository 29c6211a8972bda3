// The installable package: `npm pack` on a clean copy of the project builds dist/ (prepack) and
// packs only what runs; installed with `npm install -g` into a temporary prefix (the registry
// or npm's cache serving its dependencies, no dev dependency), its `strongroom` binary starts,
// prints its banner and answers the SDK.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { CreateSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { VERSION } from '../../src/version';
import { startCli } from '../helpers/cli-process';
import { requireTool } from '../helpers/tools';

// Building, packing and installing take tens of seconds on a small machine.
jest.setTimeout(180_000);

const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);
/** This process's environment without what an `npm run` around jest exported (npm_config_prefix would redirect -g). */
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_')));

async function npm(args: string[], cwd: string): Promise<void> {
  try {
    await run('npm', args, { cwd, env, maxBuffer: 64 << 20 });
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    throw new Error(`npm ${args.join(' ')} failed:\n${stdout ?? ''}\n${stderr ?? ''}`, { cause: err });
  }
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'strongroom-pack-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The project as a fresh checkout has it: no dist/, no state; its dev dependencies installed (as `npm ci` leaves them). */
function cleanCopy(): string {
  const copy = join(dir, 'project');
  const left = ['node_modules', '.git', '.strongroom', 'coverage'];
  cpSync(ROOT, copy, { recursive: true, filter: (path) => !left.includes(basename(path)) && relative(ROOT, path) !== 'dist' });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  return copy;
}

requireTool('npm registry')('packs a package that installs with npm install -g and runs with only Node', async () => {
  const project = cleanCopy();
  const out = join(dir, 'out');
  mkdirSync(out);
  await npm(['pack', '--pack-destination', out], project);
  const tarball = join(out, `strongroom-${VERSION}.tgz`);

  // Only what runs: the build (no source maps: their sources stay out), the models, the seed
  // example, the function runtimes; npm adds package.json and the README.
  const { stdout } = await run('tar', ['-tzf', tarball]);
  const files = stdout.split('\n').filter(Boolean).map((path) => path.replace(/^package\//, ''));
  const unexpected = files.filter((path) => !/^(dist\/.+\.(js|d\.ts)|protocol\/[^/]+\.json|fixtures\/.+|runtime\/.+|package\.json|README\.md|LICENSE)$/.test(path));
  expect(unexpected).toEqual([]);
  expect(files).toEqual(expect.arrayContaining(['dist/cli.js', 'dist/index.js', 'dist/index.d.ts', 'protocol/kms.json', 'protocol/secretsmanager.json', 'runtime/node-bootstrap.cjs', 'fixtures/demo.yaml']));

  const prefix = join(dir, 'prefix');
  const elsewhere = join(dir, 'elsewhere');
  mkdirSync(elsewhere);
  // --prefer-offline: what npm's cache holds (after `npm ci`, the dependencies' tarballs) is not fetched again.
  await npm(['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', tarball], elsewhere);
  const installed = join(prefix, 'lib', 'node_modules', 'strongroom');
  expect(readFileSync(join(installed, 'dist', 'cli.js'), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  // No dev dependency came along: what runs below runs without them.
  for (const dev of ['typescript', 'jest', '@swc/core', '@aws-sdk/client-secrets-manager']) expect(existsSync(join(installed, 'node_modules', dev))).toBe(false);

  // NODE_PATH could reach this project's node_modules; without it the package has only its own.
  const server = await startCli(join(prefix, 'bin', 'strongroom'), ['--data-dir', join(dir, 'data')], { NODE_PATH: undefined });
  const client = new SecretsManagerClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  try {
    expect(server.output()).toContain(`strongroom ${VERSION} listening on ${server.url}\n  data:    ${join(dir, 'data')} (on disk)\n`);
    const health = await fetch(`${server.url}/_strongroom/health`);
    expect(health.status).toBe(200);
    await client.send(new CreateSecretCommand({ Name: 'packed/works', SecretString: 'yes' }));
    expect((await client.send(new GetSecretValueCommand({ SecretId: 'packed/works' }))).SecretString).toBe('yes');
  } finally {
    client.destroy();
    await server.stop();
  }
});
