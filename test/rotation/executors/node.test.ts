// `module` + `handler`: Node.js handlers (CommonJS and ESM) run in a child process with a
// Lambda-shaped context; their errors, hangs and crashes come back as Lambda's error results.
import { join } from 'node:path';
import { nodeFunction } from '../../../src/rotation/executors/node';
import { ARN, FIXTURES, invocation, rotationEvent } from './invocation';

const CJS = join(FIXTURES, 'node/echo.cjs');

describe('Node.js executor', () => {
  it('runs a CommonJS async handler with the event, a Lambda context and only the given environment', async () => {
    process.env.STRONGROOM_TEST_LEAK = 'the server environment';
    const inv = invocation();
    const result = await nodeFunction(CJS, 'handler', { DECLARED: 'yes' }).invoke(rotationEvent('setSecret'), inv);
    delete process.env.STRONGROOM_TEST_LEAK;
    expect(result).toEqual({
      ok: true,
      payload: {
        event: rotationEvent('setSecret'),
        functionName: 'rotate-app-db',
        invokedFunctionArn: ARN,
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        remaining: expect.any(Number),
        endpoint: 'http://127.0.0.1:4584',
        declared: 'yes',
        leaked: null,
      },
    });
    expect((result as { payload: { remaining: number } }).payload.remaining).toBeLessThanOrEqual(10_000);
    expect(inv.lines).toEqual(['step setSecret']);
  });

  it('runs an ESM handler', async () => {
    const result = await nodeFunction(join(FIXTURES, 'node/echo.mjs'), 'handler').invoke(rotationEvent('testSecret'), invocation());
    expect(result).toEqual({ ok: true, payload: { module: 'esm', step: 'testSecret', functionName: 'rotate-app-db' } });
  });

  it('runs a callback-style handler', async () => {
    const result = await nodeFunction(CJS, 'callback').invoke(rotationEvent('finishSecret'), invocation());
    expect(result).toEqual({ ok: true, payload: { step: 'finishSecret', style: 'callback' } });
  });

  it('reports a thrown error by its name and message, with its stack in the log', async () => {
    const inv = invocation();
    const result = await nodeFunction(CJS, 'throws').invoke(rotationEvent('setSecret'), inv);
    expect(result).toEqual({ ok: false, error: { errorType: 'TypeError', errorMessage: 'the database refused the new password' } });
    expect(inv.lines[0]).toBe('TypeError: the database refused the new password');
  });

  it('reports an error given to the callback', async () => {
    const result = await nodeFunction(CJS, 'callbackError').invoke(rotationEvent(), invocation());
    expect(result).toEqual({ ok: false, error: { errorType: 'RangeError', errorMessage: 'out of range' } });
  });

  it('stops a handler that hangs past the timeout (Sandbox.Timedout)', async () => {
    const result = await nodeFunction(CJS, 'hangs').invoke(rotationEvent(), invocation({ timeoutMs: 1500 }));
    expect(result).toEqual({ ok: false, error: { errorType: 'Sandbox.Timedout', errorMessage: expect.stringMatching(/^RequestId: \S+ Error: Task timed out after 1\.50 seconds$/) } });
  });

  it('reports a process that exits without answering (Runtime.ExitError)', async () => {
    const inv = invocation();
    const result = await nodeFunction(CJS, 'exits').invoke(rotationEvent(), inv);
    expect(result).toEqual({ ok: false, error: { errorType: 'Runtime.ExitError', errorMessage: expect.stringMatching(/Error: Runtime exited with error: exit status 3$/) } });
    expect(inv.lines).toEqual(['giving up']);
  });

  it('reports an unhandled rejection (Runtime.UnhandledPromiseRejection)', async () => {
    const result = await nodeFunction(CJS, 'rejectsLater').invoke(rotationEvent(), invocation());
    expect(result).toEqual({ ok: false, error: { errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: 'Error: nobody awaited this' } });
  });

  it('reports an answer that is not JSON (Runtime.MarshalError)', async () => {
    const result = await nodeFunction(CJS, 'notJson').invoke(rotationEvent(), invocation());
    expect(result).toEqual({ ok: false, error: { errorType: 'Runtime.MarshalError', errorMessage: 'Unable to marshal response: Do not know how to serialize a BigInt' } });
  });

  it('reports a handler the module does not export, and a module that does not load', async () => {
    expect(await nodeFunction(CJS, 'nothing').invoke(rotationEvent(), invocation())).toEqual({
      ok: false,
      error: { errorType: 'Runtime.HandlerNotFound', errorMessage: `${CJS}.nothing is undefined or not exported` },
    });
    const missing = join(FIXTURES, 'node/missing.js');
    expect(await nodeFunction(missing, 'handler').invoke(rotationEvent(), invocation())).toEqual({
      ok: false,
      error: { errorType: 'Runtime.ImportModuleError', errorMessage: expect.stringContaining('Error: Cannot find module') },
    });
  });
});
