// `endpoint`: a Lambda Invoke API (an in-test server playing `sam local start-lambda`): the
// event as the body, X-Amz-Function-Error and Lambda's error bodies, other statuses, connection
// errors and the timeout.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { endpointFunction } from '../../../src/rotation/executors/endpoint';
import { invocation, rotationEvent } from './invocation';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

let server: Server;
let url: string;
let handle: Handler;
const seen: { method?: string; url?: string; body: string; headers: IncomingMessage['headers'] }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, body, headers: req.headers });
      handle(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => (seen.length = 0));

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

describe('endpoint executor', () => {
  it('POSTs the event to the Invoke path of the function and answers with the payload', async () => {
    handle = (_req, body, res) => json(res, 200, { echoed: JSON.parse(body).Step });
    const result = await endpointFunction(`${url}/`).invoke(rotationEvent('testSecret'), invocation());
    expect(result).toEqual({ ok: true, payload: { echoed: 'testSecret' } });
    expect(seen).toEqual([
      expect.objectContaining({ method: 'POST', url: '/2015-03-31/functions/rotate-app-db/invocations', body: JSON.stringify(rotationEvent('testSecret')) }),
    ]);
    expect(seen[0].headers['x-amz-invocation-type']).toBe('RequestResponse');
  });

  it('calls the function by the name the endpoint knows it by, when one is given', async () => {
    handle = (_req, _body, res) => json(res, 200, null);
    expect(await endpointFunction(url, 'function').invoke(rotationEvent(), invocation())).toEqual({ ok: true, payload: null });
    expect(seen[0].url).toBe('/2015-03-31/functions/function/invocations');
  });

  it('reports a function error (X-Amz-Function-Error) with the error body', async () => {
    handle = (_req, _body, res) =>
      json(res, 200, { errorType: 'ValueError', errorMessage: 'the database refused the new password', stackTrace: [] }, { 'X-Amz-Function-Error': 'Unhandled' });
    expect(await endpointFunction(url).invoke(rotationEvent('setSecret'), invocation())).toEqual({
      ok: false,
      error: { errorType: 'ValueError', errorMessage: 'the database refused the new password' },
    });
  });

  it("reports Lambda's own errors (non-2xx) by their type and message", async () => {
    handle = (_req, _body, res) => json(res, 404, { Type: 'User', message: 'Function not found: rotate-app-db' }, { 'x-amzn-ErrorType': 'ResourceNotFoundException:http://internal' });
    expect(await endpointFunction(url).invoke(rotationEvent(), invocation())).toEqual({
      ok: false,
      error: { errorType: 'ResourceNotFoundException', errorMessage: 'Function not found: rotate-app-db' },
    });
    handle = (_req, _body, res) => {
      res.writeHead(500);
      res.end('internal failure');
    };
    expect(await endpointFunction(url).invoke(rotationEvent(), invocation())).toEqual({ ok: false, error: { errorType: 'HTTP 500', errorMessage: 'internal failure' } });
  });

  it('stops waiting at the timeout', async () => {
    handle = () => {
      // never answers
    };
    expect(await endpointFunction(url).invoke(rotationEvent(), invocation({ timeoutMs: 500 }))).toEqual({
      ok: false,
      error: { errorType: 'Sandbox.Timedout', errorMessage: expect.stringMatching(/Task timed out after 0\.50 seconds$/) },
    });
  });

  it('reports an endpoint it cannot reach', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await endpointFunction(`http://127.0.0.1:${port}`).invoke(rotationEvent(), invocation())).toEqual({
      ok: false,
      error: { errorType: 'Strongroom.EndpointUnreachable', errorMessage: expect.stringContaining('ECONNREFUSED') },
    });
  });
});
