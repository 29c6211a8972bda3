// Bugs must not take the server down: a handler or an admin route that throws something that
// is not an AwsError answers 500 InternalFailure (logged with its stack), and the next request
// is served as usual.
import type { AddressInfo } from 'node:net';
import { Clock } from '../../src/clock';
import { createAdminApp } from '../../src/http/admin';
import { createFrontDoor } from '../../src/http/aws';
import { createDispatcher } from '../../src/pipeline/dispatch';
import { createBrowserGuard } from '../../src/http/browser-guard';
import { createHttpServer, HTTP_LIMITS } from '../../src/http/server';
import { JobRunner } from '../../src/jobs/runner';
import { Logger } from '../../src/log';
import { loadModel } from '../../src/protocol/model';
import type { AwsService } from '../../src/services/service';
import { Store } from '../../src/store/store';
import { awsHeaders, send } from './raw';

const operations: AwsService['operations'] = {
  GenerateRandom: (_ctx, input: { NumberOfBytes: number }) => ({ Plaintext: Buffer.alloc(input.NumberOfBytes) }),
  CreateKey: () => {
    throw new TypeError('synchronous bug');
  },
  DescribeKey: async () => {
    throw new RangeError('asynchronous bug');
  },
  ListKeys: () => ({ Keys: 'not a list' }),
};
const service: AwsService = { name: 'kms', model: loadModel('kms'), operations, context: (scope) => scope };

let url: string;
let close: () => Promise<void>;
let stderr: jest.SpyInstance;
beforeAll(async () => {
  const logger = new Logger('error');
  const clock = new Clock();
  const dispatcher = createDispatcher({ services: [service], clock, logger, defaults: { accountId: '000000000000', region: 'us-east-1' } });
  const frontDoor = createFrontDoor(dispatcher, [service], logger);
  const app = createAdminApp({
    version: '0.0.0',
    storage: 'memory',
    services: ['kms'],
    clock,
    jobs: new JobRunner({ store: await Store.open({ inMemory: true }), clock, logger }),
    logger,
    trail: { export: async function* () {} },
    reset: async () => {
      throw new Error('reset bug');
    },
  });
  const guard = createBrowserGuard({ host: '127.0.0.1', corsOrigins: [], allowedHosts: [], logger });
  const server = createHttpServer(guard, frontDoor, app, logger, HTTP_LIMITS);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});
afterAll(() => close());
beforeEach(() => {
  stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => stderr.mockRestore());

const call = (target: string, body = '{}') => send(url, { headers: awsHeaders(`TrentService.${target}`), body });
const logged = () => stderr.mock.calls.map((c) => String(c[0])).join('');

describe('InternalFailure', () => {
  it.each([
    ['throws synchronously', 'CreateKey', '{}', 'TypeError: synchronous bug'],
    ['rejects', 'DescribeKey', '{"KeyId":"alias/x"}', 'RangeError: asynchronous bug'],
    ['returns what the output shape cannot carry', 'ListKeys', '{}', 'TypeError'],
  ])('answers 500 when a handler %s, logs the stack, and keeps serving', async (_, operation, body, trace) => {
    const res = await call(operation, body);
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ __type: 'InternalFailure', message: 'An internal error occurred.' });
    expect(res.headers['x-amzn-errortype']).toBe('InternalFailure');
    expect(logged()).toContain(`request ${res.headers['x-amzn-requestid']} failed unexpectedly`);
    expect(logged()).toContain(trace);
    expect(logged()).toMatch(/\n\s+at /);
    const next = await call('GenerateRandom', '{"NumberOfBytes":4}');
    expect(next.status).toBe(200);
    expect(next.json).toEqual({ Plaintext: 'AAAAAA==' });
  });

  it('answers 500 JSON when an admin route throws, and keeps serving', async () => {
    const res = await send(url, { path: '/_strongroom/reset', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ __type: 'InternalFailure', message: 'An internal error occurred.' });
    expect(logged()).toContain('Error: reset bug');
    expect((await send(url, { method: 'GET', path: '/_strongroom/health' })).status).toBe(200);
  });
});
