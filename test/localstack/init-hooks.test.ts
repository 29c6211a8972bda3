// Init hooks: the scripts of the init directory run once the server accepts requests, in name
// order, with the endpoint and credentials in their environment; a failing one is reported
// (log, /_localstack/init) and the server goes on.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { findInitScripts, hookEnvironment, runInitScripts } from '../../src/localstack/init-hooks';
import type { Logger } from '../../src/log';
import { startServer, type TestServer } from '../helpers/server';
import { requireTool } from '../helpers/tools';

let dir: string;
let server: TestServer;
const out = () => join(dir, 'out');

function script(name: string, text: string, mode = 0o755): void {
  writeFileSync(join(dir, 'ready.d', name), text);
  chmodSync(join(dir, 'ready.d', name), mode);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'strongroom-hooks-'));
  mkdirSync(join(dir, 'ready.d', 'more'), { recursive: true });
  writeFileSync(out(), '');
  // What LocalStack users write: the AWS CLI, with the endpoint and credentials from the environment.
  script(
    '01-create-secret.sh',
    `#!/bin/bash
set -e
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
aws secretsmanager create-secret --name from-hook --secret-string hello >/dev/null
echo created from-hook
`,
  );
  script('02-environment', `#!/bin/bash\necho "$AWS_ENDPOINT_URL $AWS_ACCESS_KEY_ID $AWS_SECRET_ACCESS_KEY $AWS_DEFAULT_REGION $AWS_REGION" >> ${out()}\n`);
  script('03-fails.sh', '#!/bin/bash\necho about to fail\nexit 3\n');
  // Without its executable bit: run with bash.
  script('04-plain.sh', `echo 04-plain >> ${out()}\n`, 0o644);
  // Node, which the image has: fetch is enough to call the endpoint.
  script(
    '05-node.js',
    `#!/usr/bin/env node
fetch(process.env.AWS_ENDPOINT_URL + '/', {
  method: 'POST',
  headers: {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': 'secretsmanager.CreateSecret',
    'x-amz-date': '20260101T000000Z',
    authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/' + process.env.AWS_REGION + '/secretsmanager/aws4_request, SignedHeaders=host, Signature=' + '0'.repeat(64),
  },
  // The SDKs fill ClientRequestToken in; a raw call gives its own.
  body: JSON.stringify({ Name: 'from-node', SecretString: 'world', ClientRequestToken: crypto.randomUUID() }),
}).then((res) => process.exit(res.ok ? 0 : 1));
`,
  );
  script('more/06-nested.sh', `#!/bin/bash\necho 06-nested >> ${out()}\n`);
  // Neither executable nor a script: not run, not listed.
  script('README.txt', 'notes', 0o644);
  server = await startServer({ initDir: join(dir, 'ready.d'), region: 'eu-west-2', localstackCompat: true, localstackPort: 0 });
  await server.strongroom.ready;
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('runs the scripts in name order, a directory after the files beside it, each with the (LocalStack) endpoint, credentials and region', () => {
  expect(readFileSync(out(), 'utf8').split('\n')).toEqual([`${server.strongroom.localstackUrl} test test eu-west-2 eu-west-2`, '04-plain', '06-nested', '']);
});

requireTool('aws')('lets a script create a secret with the AWS CLI', async () => {
  const secret = await server.sm({ region: 'eu-west-2' }).send(new GetSecretValueCommand({ SecretId: 'from-hook' }));
  expect(secret.SecretString).toBe('hello');
});

it('lets a script call the endpoint with node and fetch alone', async () => {
  const secret = await server.sm({ region: 'eu-west-2' }).send(new GetSecretValueCommand({ SecretId: 'from-node' }));
  expect(secret.SecretString).toBe('world');
});

it('reports a failing script in /_localstack/init and goes on serving', async () => {
  const res = await fetch(`${server.url}/_localstack/init`);
  const { completed, scripts } = (await res.json()) as { completed: Record<string, boolean>; scripts: { stage: string; name: string; state: string }[] };
  expect(completed.READY).toBe(true);
  expect(scripts.map(({ stage, name, state }) => `${stage} ${name} ${name === '01-create-secret.sh' ? '-' : state}`)).toEqual([
    'READY 01-create-secret.sh -',
    'READY 02-environment SUCCESSFUL',
    'READY 03-fails.sh ERROR',
    'READY 04-plain.sh SUCCESSFUL',
    'READY 05-node.js SUCCESSFUL',
    'READY 06-nested.sh SUCCESSFUL',
  ]);
  expect((await fetch(`${server.url}/_strongroom/health`)).status).toBe(200);
});

describe('runInitScripts', () => {
  /** A logger that keeps its lines. */
  function recorder(): { logger: Logger; lines: string[] } {
    const lines: string[] = [];
    const logger = { info: (m: string) => lines.push(`info ${m}`), error: (m: string) => lines.push(`error ${m}`) } as unknown as Logger;
    return { logger, lines };
  }

  it("logs each script's output after its name, and a failure with its exit code, and marks states", async () => {
    const scripts = findInitScripts([join(dir, 'ready.d')]).filter((s) => /0[34]-/.test(s.path));
    const { logger, lines } = recorder();
    await runInitScripts(scripts, { env: hookEnvironment(server.url, 'eu-west-2'), logger }).done;
    expect(scripts.map((s) => s.state)).toEqual(['ERROR', 'SUCCESSFUL']);
    expect(lines).toEqual(expect.arrayContaining(['info [03-fails.sh] about to fail', 'error init hook 03-fails.sh failed: exit code 3', 'info init hook 04-plain.sh: done']));
  });

  it('kills a script that runs past its time, with what it started, and reports it', async () => {
    const slow = join(dir, 'slow.sh');
    writeFileSync(slow, '#!/bin/bash\nsleep 60 &\nwait\n');
    chmodSync(slow, 0o755);
    const scripts = [{ path: slow, state: 'UNKNOWN' as const }];
    const { logger, lines } = recorder();
    await runInitScripts(scripts, { env: process.env, logger, timeoutMs: 200 }).done;
    expect(scripts[0].state).toBe('ERROR');
    expect(lines).toContain('error init hook slow.sh failed: still running after 0.2 seconds, killed');
  });

  it('gives scripts the endpoint, not a profile, session token or service endpoint of the parent', () => {
    const env = hookEnvironment('http://127.0.0.1:4566', 'us-west-1', { PATH: '/bin', AWS_PROFILE: 'prod', AWS_SESSION_TOKEN: 'x', AWS_ENDPOINT_URL_KMS: 'https://kms.example', AWS_ACCESS_KEY_ID: 'AKIAREAL' });
    expect(env).toEqual({
      PATH: '/bin',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_DEFAULT_REGION: 'us-west-1',
      AWS_REGION: 'us-west-1',
    });
  });
});
