// A real server process on a data dir, killed with SIGKILL in the middle of concurrent writes:
// after a restart every acknowledged write is readable, and no secret value is anywhere in the
// data dir's bytes. The server is compiled from src with swc (what jest uses) into a temp dir,
// since child processes do not go through jest's transform.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { CreateSecretCommand, GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { transformFileSync } from '@swc/core';
import { REGION, TEST_CREDENTIALS } from '../../helpers/server';

const ROOT = resolve(__dirname, '../../..');
const SECRETS = 10;
const WRITES = 300;
const KILL_AFTER = 120;

function build(out: string): void {
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith('.ts')) {
        const dest = join(out, 'dist', relative(join(ROOT, 'src'), path).replace(/\.ts$/, '.js'));
        mkdirSync(dirname(dest), { recursive: true });
        writeFileSync(dest, transformFileSync(path, { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }).code);
      }
    }
  };
  walk(join(ROOT, 'src'));
  // dist/ finds the models, its dependencies and its version where the build layout has them.
  for (const name of ['protocol', 'node_modules', 'package.json']) symlinkSync(join(ROOT, name), join(out, name));
}

function start(cli: string, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [cli, '--port', '0', '--data-dir', dataDir, '--log-level', 'info'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolveStart, reject) => {
    let out = '';
    child.stderr!.on('data', (chunk) => (out += chunk));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolveStart({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

const client = (url: string) => new SecretsManagerClient({ endpoint: url, region: REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1 });

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'strongroom-crash-'));
  build(join(work, 'build'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a server killed mid-write', () => {
  it('keeps every acknowledged write and never stores a value in the clear', async () => {
    const cli = join(work, 'build', 'dist', 'cli.js');
    const dataDir = join(work, 'data');
    const sent: string[] = [];
    const acknowledged: { name: string; versionId: string; value: string }[] = [];

    const first = await start(cli, dataDir);
    const sm = client(first.url);
    const names = Array.from({ length: SECRETS }, (_, i) => `crash/secret-${i}`);
    for (const name of names) {
      const value = `crash-value-${randomUUID()}`;
      sent.push(value);
      const res = await sm.send(new CreateSecretCommand({ Name: name, SecretString: value }));
      acknowledged.push({ name, versionId: res.VersionId!, value });
    }
    const killed = new Promise((r) => first.child.once('exit', r));
    let acks = 0;
    await Promise.allSettled(
      Array.from({ length: WRITES }, async (_, i) => {
        const value = `crash-value-${randomUUID()}`;
        sent.push(value);
        const res = await sm.send(new PutSecretValueCommand({ SecretId: names[i % SECRETS], SecretString: value }));
        acknowledged.push({ name: names[i % SECRETS], versionId: res.VersionId!, value });
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
    } finally {
      again.destroy();
      const exited = new Promise((r) => second.child.once('exit', r));
      second.child.kill('SIGTERM');
      await exited;
    }

    const files = filesUnder(dataDir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const value of sent) expect(bytes.includes(value)).toBe(false);
    }
  });
});
