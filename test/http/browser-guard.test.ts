// The attacks a web page in the user's browser can make on a local Strongroom, sent as raw HTTP
// exactly as the browser would send them: cross-site "simple" requests (no preflight), DNS
// rebinding (same-origin by a re-pointed name), and what an allowed page may do with CORS.
import { CreateSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBrowserGuard } from '../../src/http/browser-guard';
import { Logger } from '../../src/log';
import { startServer, useServer } from '../helpers/server';
import { awsHeaders, send, type SendOptions } from './raw';

/** The headers SDK v3 for JavaScript sends from a browser, as a preflight names them. */
const SDK_HEADERS = 'amz-sdk-invocation-id,amz-sdk-request,authorization,content-type,x-amz-content-sha256,x-amz-date,x-amz-security-token,x-amz-target,x-amz-user-agent';

const server = useServer();
const hostHeader = () => new URL(server.url).host;

beforeAll(async () => {
  await server.sm().send(new CreateSecretCommand({ Name: 'db-password', SecretString: 'hunter2' }));
});

/** The secret is still there and readable through an ordinary SDK client (no Origin). */
async function stateIntact(): Promise<void> {
  const { SecretString } = await server.sm().send(new GetSecretValueCommand({ SecretId: 'db-password' }));
  expect(SecretString).toBe('hunter2');
}

const getSecretValue = (headers: Record<string, string>) =>
  send(server.url, { headers: { ...awsHeaders('secretsmanager.GetSecretValue'), ...headers }, body: '{"SecretId":"db-password"}' });

function expectRefused(res: Awaited<ReturnType<typeof send>>, text: string): void {
  expect(res.status).toBe(403);
  expect(res.json).toEqual({ __type: 'ForbiddenException', message: expect.stringContaining(text) });
  expect(res.headers['x-amzn-errortype']).toBe('ForbiddenException');
  expect(res.headers['access-control-allow-origin']).toBeUndefined();
}

describe('cross-site requests that need no preflight', () => {
  const reset = (headers: Record<string, string>, body: string): SendOptions => ({ path: '/_strongroom/reset', headers, body });

  it('refuses a form post from another site to reset, and nothing is wiped', async () => {
    const res = await send(server.url, reset({ origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, 'a=1'));
    expectRefused(res, "the web origin 'http://evil.example'");
    await stateIntact();
  });

  it("refuses a no-cors fetch's text/plain post to reset", async () => {
    const res = await send(server.url, reset({ origin: 'https://evil.example', 'content-type': 'text/plain;charset=UTF-8' }, '{}'));
    expectRefused(res, "the web origin 'https://evil.example'");
    await stateIntact();
  });

  it('judges a request without Origin by its Referer', async () => {
    const res = await send(server.url, reset({ referer: 'http://evil.example/page.html', 'content-type': 'text/plain' }, '{}'));
    expectRefused(res, "the web origin 'http://evil.example'");
    const garbage = await send(server.url, reset({ referer: 'not a url', 'content-type': 'text/plain' }, '{}'));
    expectRefused(garbage, "the web origin 'null'");
    await stateIntact();
  });

  it('refuses Origin: null (sandboxed frames, file pages, redirects)', async () => {
    expectRefused(await getSecretValue({ origin: 'null' }), "the web origin 'null'");
  });

  it('refuses AWS calls from another site whatever their content type', async () => {
    expectRefused(await getSecretValue({ origin: 'http://evil.example' }), "the web origin 'http://evil.example'");
    expectRefused(await getSecretValue({ origin: 'http://127.0.0.1.evil.example' }), 'the web origin');
    expectRefused(await getSecretValue({ origin: 'chrome-extension://abcdef' }), 'the web origin');
  });

  it('takes only JSON on state-changing admin routes, even from an allowed page', async () => {
    const res = await send(server.url, reset({ origin: 'http://localhost:3000', 'content-type': 'text/plain' }, '{}'));
    expect(res.status).toBe(415);
    expect(res.json).toEqual({ error: 'POST /_strongroom/reset takes Content-Type: application/json.' });
    const form = await send(server.url, { path: '/_strongroom/clock', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'advanceSeconds=999' });
    expect(form.status).toBe(415);
    await stateIntact();
    expect((await send(server.url, { method: 'GET', path: '/_strongroom/clock' })).json).toMatchObject({ offsetSeconds: 0 });
  });
});

describe('DNS rebinding', () => {
  it('refuses a page on a re-pointed name calling GetSecretValue as same-origin', async () => {
    const res = await getSecretValue({ host: 'evil.example:4584', origin: 'http://evil.example:4584' });
    expectRefused(res, "the host name 'evil.example'");
    expect(res.text).not.toContain('hunter2');
  });

  it('refuses any name that is not allowed, with or without Origin', async () => {
    expectRefused(await getSecretValue({ host: 'evil.example' }), "the host name 'evil.example'");
    expectRefused(await getSecretValue({ host: 'EVIL.example.:80' }), "the host name 'evil.example'");
    expectRefused(await send(server.url, { method: 'GET', path: '/_strongroom/health', headers: { host: 'rebind.example' } }), 'rebind.example');
  });

  it('accepts IP literals, localhost and *.localhost', async () => {
    for (const host of [hostHeader(), '127.0.0.1', '[::1]:4584', '10.1.2.3:4584', 'localhost:4584', 'LOCALHOST', 'strongroom.localhost:4584']) {
      const res = await getSecretValue({ host });
      expect([host, res.status]).toEqual([host, 200]);
    }
  });
});

describe('CORS for pages that are allowed', () => {
  const preflight = (origin: string, extra: Record<string, string> = {}) =>
    send(server.url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': SDK_HEADERS, ...extra },
    });

  it.each(['http://localhost:3000', 'https://localhost', 'http://127.0.0.1:5173', 'http://[::1]:8080', 'http://app.localhost:3000'])(
    'answers the preflight of %s with the SDK header set, then its call',
    async (origin) => {
      const res = await preflight(origin);
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(res.headers.vary).toBe('Origin');
      expect(res.headers['access-control-allow-methods']).toContain('POST');
      const allowed = res.headers['access-control-allow-headers']!.split(', ');
      for (const header of SDK_HEADERS.split(',')) expect(allowed).toContain(header);

      const call = await getSecretValue({ origin });
      expect(call.status).toBe(200);
      expect(call.json).toMatchObject({ SecretString: 'hunter2' });
      expect(call.headers['access-control-allow-origin']).toBe(origin);
      expect(call.headers['access-control-expose-headers']).toBe('x-amzn-requestid, x-amzn-errortype, date');
    },
  );

  it('answers Private Network Access preflights of allowed pages', async () => {
    const res = await preflight('http://localhost:3000', { 'access-control-request-private-network': 'true' });
    expect(res.headers['access-control-allow-private-network']).toBe('true');
  });

  it('gives nothing to the preflight of a page that is not allowed', async () => {
    const res = await preflight('http://evil.example');
    expectRefused(res, "the web origin 'http://evil.example'");
    expect(res.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('leaves SDK clients, which send no Origin, unchanged: no CORS headers', async () => {
    const res = await getSecretValue({});
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('opening up: --cors-origins and --allowed-hosts', () => {
  it('allows the origins and host names given, and only those', async () => {
    const open = await startServer({ corsOrigins: ['https://App.Example.com:443', 'http://dev.example:8080'], allowedHosts: ['strongroom'] });
    try {
      const call = (headers: Record<string, string>) => send(open.url, { method: 'GET', path: '/_strongroom/health', headers });
      expect((await call({ origin: 'https://app.example.com' })).headers['access-control-allow-origin']).toBe('https://app.example.com');
      expect((await call({ origin: 'http://dev.example:8080' })).status).toBe(200);
      expectRefused(await call({ origin: 'http://dev.example:8081' }), "the web origin 'http://dev.example:8081'");
      expectRefused(await call({ origin: 'http://app.example.com' }), 'the web origin');
      expect((await call({ host: 'strongroom:4584' })).status).toBe(200);
      expectRefused(await call({ host: 'strongroom2:4584' }), "the host name 'strongroom2'");
    } finally {
      await open.close();
    }
  });

  it('allows every origin and host with *', async () => {
    const open = await startServer({ corsOrigins: ['*'], allowedHosts: ['*'] });
    try {
      const res = await send(open.url, { method: 'GET', path: '/_strongroom/health', headers: { host: 'anything.example', origin: 'http://evil.example' } });
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('http://evil.example');
    } finally {
      await open.close();
    }
  });

  it('accepts the name given with --host as Host', async () => {
    const guard = createBrowserGuard({ host: 'Devbox', corsOrigins: [], allowedHosts: [], logger: new Logger('silent') });
    const bare = createServer((req, res) => guard(req, res) || res.end('through'));
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
      expect((await send(url, { method: 'GET', headers: { host: 'devbox:4584' } })).text).toBe('through');
      expect((await send(url, { method: 'GET', headers: { host: 'devbox2:4584' } })).status).toBe(403);
    } finally {
      await new Promise((resolve) => bare.close(resolve));
    }
  });

  it('refuses origins that are not scheme://host[:port]', async () => {
    await expect(startServer({ corsOrigins: ['evil.example'] })).rejects.toThrow("CORS origin must be scheme://host[:port] or *, got 'evil.example'");
  });
});
