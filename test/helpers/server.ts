// Starts an in-process Strongroom on a free port for a test file, with SDK clients pointed
// at it (maxAttempts 1: a retry must never hide an error) and a raw HTTP helper. Test files
// use it through `useServer`, which registers the jest hooks; `startServer` is for the tests
// that start servers of their own (on a data dir, one per test, restarted …).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createStrongroom, type Strongroom, type StrongroomOptions } from '../../src';

export const TEST_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'test-secret' };
export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';

/** A syntactically complete SigV4 Authorization header (not verified in default mode). */
export function authHeader(accessKeyId = TEST_CREDENTIALS.accessKeyId, region = REGION, service = 'kms'): string {
  return `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260101/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;
}

interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

export interface TestServer {
  strongroom: Strongroom;
  url: string;
  kms(options?: { region?: string; accessKeyId?: string }): KMSClient;
  sm(options?: { region?: string; accessKeyId?: string }): SecretsManagerClient;
  /** POSTs a raw AWS JSON 1.1 request. */
  raw(target: string | undefined, body: string | Buffer, headers?: Record<string, string>): Promise<RawResponse>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startServer(options: Partial<StrongroomOptions> = {}): Promise<TestServer> {
  const strongroom = await createStrongroom({ port: 0, inMemory: true, logLevel: 'silent', ...options });
  const clients: { destroy(): void }[] = [];
  const config = (o: { region?: string; accessKeyId?: string } = {}) => ({
    endpoint: strongroom.url,
    region: o.region ?? REGION,
    credentials: { ...TEST_CREDENTIALS, ...(o.accessKeyId ? { accessKeyId: o.accessKeyId } : {}) },
    maxAttempts: 1,
  });
  return {
    strongroom,
    url: strongroom.url,
    kms(o) {
      const client = new KMSClient(config(o));
      clients.push(client);
      return client;
    },
    sm(o) {
      const client = new SecretsManagerClient(config(o));
      clients.push(client);
      return client;
    },
    async raw(target, body, headers = {}) {
      const service = target?.startsWith('secretsmanager.') ? 'secretsmanager' : 'kms';
      const res = await fetch(`${strongroom.url}/`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          authorization: authHeader(undefined, undefined, service),
          'x-amz-date': '20260101T000000Z',
          ...(target ? { 'x-amz-target': target } : {}),
          ...headers,
        },
        body,
      });
      const text = await res.text();
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(text);
      } catch {
        // left empty: the test asserts on text
      }
      return { status: res.status, headers: res.headers, text, json };
    },
    async reset() {
      await fetch(`${strongroom.url}/_strongroom/reset`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    },
    async close() {
      for (const c of clients) c.destroy();
      await strongroom.close();
    },
  };
}

/** What a test file asks of its server besides starting and stopping it. */
interface ServerFixture {
  /** 'each': every resource wiped before each test. */
  reset?: 'each';
  /** 'reset': the emulated clock set back to real time after each test. */
  clock?: 'reset';
  /** Options beyond the defaults of `startServer` (in memory, a free port, silent). */
  options?: Partial<StrongroomOptions>;
}

/** The fixture's server: what `TestServer` offers a test, but closed by the fixture alone. */
type ServerHandle = Omit<TestServer, 'close'>;

/**
 * The server of a test file (or of the describe block it is called in): registers the jest
 * hooks that start it before the first test, close it after the last, and reset what `fixture`
 * asks for; the handle it returns reaches that server from hooks and tests.
 */
export function useServer(fixture: ServerFixture = {}): ServerHandle {
  let server: TestServer | undefined;
  const started = (): TestServer => {
    if (!server) throw new Error('useServer: no server; it starts in beforeAll (use the handle in hooks and tests), and that must have succeeded');
    return server;
  };
  beforeAll(async () => {
    server = await startServer(fixture.options);
  });
  afterAll(() => server?.close());
  if (fixture.reset === 'each') beforeEach(() => started().reset());
  if (fixture.clock === 'reset') afterEach(() => resetClock(started()));
  return {
    get strongroom() {
      return started().strongroom;
    },
    get url() {
      return started().url;
    },
    kms: (o) => started().kms(o),
    sm: (o) => started().sm(o),
    raw: (target, body, headers) => started().raw(target, body, headers),
    reset: () => started().reset(),
  };
}

/**
 * A server on a temporary data dir, for tests across a restart: `restart()` closes the server
 * running (if any) and starts another on the same dir. Registers the jest hooks that make the
 * dir before the first test and close the server and remove the dir after the last.
 */
export function useDiskServer(prefix: string, options: Partial<StrongroomOptions> = {}): { restart(): Promise<TestServer> } {
  let dir: string;
  let server: TestServer | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    async restart() {
      await server?.close();
      server = await startServer({ ...options, inMemory: false, dataDir: join(dir, 'data') });
      return server;
    },
  };
}

async function setClock(server: Pick<TestServer, 'url'>, body: { advanceSeconds: number } | { offsetSeconds: number }): Promise<void> {
  const res = await fetch(`${server.url}/_strongroom/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`clock: ${res.status} ${await res.text()}`);
}

/** Moves the server's emulated clock forward; the work it makes due has run when this resolves. */
export const advanceClock = (server: Pick<TestServer, 'url'>, seconds: number) => setClock(server, { advanceSeconds: seconds });

/** Sets the server's emulated clock back to real time. */
export const resetClock = (server: Pick<TestServer, 'url'>) => setClock(server, { offsetSeconds: 0 });

/** Runs `fn`, expecting it to reject with an AWS error; returns `{ name, message }`. */
export async function awsError(fn: () => Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await fn();
  } catch (err) {
    const e = err as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}
