// LocalStack compatibility in process: the second port serves the same AWS endpoint, and
// LocalStack's own routes answer in LocalStack's shapes (health: {"services": {name: state},
// "edition", "version"}; init: {"completed": {stage: bool}, "scripts": [{stage, name, state}]}).
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { VERSION } from '../../src/version';
import { REGION, startServer, TEST_CREDENTIALS, type TestServer } from '../helpers/server';
import { send } from '../http/raw';

let server: TestServer;
let compat: string;
let initDir: string;

beforeAll(async () => {
  initDir = mkdtempSync(join(tmpdir(), 'strongroom-init-'));
  const script = join(initDir, '10-hello.sh');
  writeFileSync(script, '#!/bin/bash\necho hello\n');
  chmodSync(script, 0o755);
  server = await startServer({ localstackCompat: true, localstackPort: 0, initDir });
  compat = server.strongroom.localstackUrl!;
  await server.strongroom.ready;
});

afterAll(async () => {
  await server.close();
  rmSync(initDir, { recursive: true, force: true });
});

describe('the second port', () => {
  it('listens on its own port, beside the main one', () => {
    expect(compat).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(compat).not.toBe(server.url);
  });

  it('answers AWS calls from an SDK client, on the same state as the main port', async () => {
    const sm = new SecretsManagerClient({ endpoint: compat, region: REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    try {
      await sm.send(new CreateSecretCommand({ Name: 'via-4566', SecretString: 's3cret' }));
      expect((await server.sm().send(new GetSecretValueCommand({ SecretId: 'via-4566' }))).SecretString).toBe('s3cret');
    } finally {
      sm.destroy();
    }
  });

  it('keeps the browser guard: a page of another origin is refused', async () => {
    const res = await send(compat, { method: 'GET', path: '/_localstack/health', headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ __type: 'ForbiddenException', message: expect.stringContaining("the web origin 'https://evil.example'") });
  });
});

describe('GET /_localstack/health', () => {
  it.each([
    ['the LocalStack port', () => compat],
    ['the main port', () => server.url],
  ])('lists the emulated services as running and the others as disabled, on %s', async (_, base) => {
    const res = await fetch(`${base()}/_localstack/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { services: Record<string, string>; edition: string; version: string };
    expect(Object.keys(body).sort()).toEqual(['edition', 'services', 'version']);
    expect(body.edition).toBe('community');
    expect(body.version).toBe(VERSION);
    const { secretsmanager, kms, sts, cloudtrail, ...others } = body.services;
    expect({ secretsmanager, kms, sts, cloudtrail }).toEqual({ secretsmanager: 'running', kms: 'running', sts: 'running', cloudtrail: 'running' });
    expect(others).toMatchObject({ s3: 'disabled', sqs: 'disabled', dynamodb: 'disabled', lambda: 'disabled' });
    expect(new Set(Object.values(others))).toEqual(new Set(['disabled']));
  });

  it('answers HEAD with 200 and no body', async () => {
    const res = await send(compat, { method: 'HEAD', path: '/_localstack/health' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
  });
});

describe('GET /_localstack/init', () => {
  it('reports every stage and each ready script by name and state', async () => {
    const res = await fetch(`${compat}/_localstack/init`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      completed: { BOOT: true, START: true, READY: true, SHUTDOWN: false },
      scripts: [{ stage: 'READY', name: '10-hello.sh', state: 'SUCCESSFUL' }],
    });
  });

  it('answers one stage by name, in any case', async () => {
    expect(await (await fetch(`${compat}/_localstack/init/ready`)).json()).toEqual({ completed: true, scripts: [{ stage: 'READY', name: '10-hello.sh', state: 'SUCCESSFUL' }] });
    expect(await (await fetch(`${compat}/_localstack/init/BOOT`)).json()).toEqual({ completed: true, scripts: [] });
    const unknown = await fetch(`${compat}/_localstack/init/later`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe('no such stage later');
  });
});

describe('without LocalStack compatibility', () => {
  it('serves no /_localstack route and no second port', async () => {
    const plain = await startServer();
    try {
      expect(plain.strongroom.localstackUrl).toBeUndefined();
      expect((await fetch(`${plain.url}/_localstack/health`)).status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('refuses a LocalStack port equal to the main port', async () => {
    await expect(startServer({ localstackCompat: true, port: 4600, localstackPort: 4600 })).rejects.toThrow('the LocalStack port must differ from the port, both are 4600');
  });
});
