// `python` + `handler`: a Lambda-style Python handler run unmodified by our bootstrap, with a
// Lambda-like context; an exception comes back as its class name and text, its traceback logged.
import { join } from 'node:path';
import { pythonFunction } from '../../../src/rotation/executors/python';
import { requireTool } from '../../helpers/tools';
import { ARN, FIXTURES, invocation, rotationEvent } from './invocation';

const FOLDER = join(FIXTURES, 'python');
const it = requireTool('python3');

describe('Python executor', () => {
  it('runs lambda_function.lambda_handler with the event and a Lambda context, its folder importable', async () => {
    const inv = invocation();
    const result = await pythonFunction(FOLDER, 'lambda_function.lambda_handler').invoke(rotationEvent('createSecret'), inv);
    expect(result).toEqual({
      ok: true,
      payload: {
        step: 'createSecret',
        token: rotationEvent().ClientRequestToken,
        function_name: 'rotate-app-db',
        invoked_function_arn: ARN,
        request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        remaining: expect.any(Number),
        endpoint: 'http://127.0.0.1:4584',
        helper: 'helper',
      },
    });
    expect(inv.lines).toEqual(['step createSecret']);
  });

  it('reports an exception by its class name and message, with the traceback in the log', async () => {
    const inv = invocation();
    const result = await pythonFunction(FOLDER, 'lambda_function.lambda_handler').invoke(rotationEvent('setSecret'), inv);
    expect(result).toEqual({ ok: false, error: { errorType: 'ValueError', errorMessage: 'the database refused the new password' } });
    expect(inv.lines).toContain('Traceback (most recent call last):');
    expect(inv.lines).toContain('ValueError: the database refused the new password');
  });

  it('reports an answer that is not JSON, a missing handler and a missing module as Lambda does', async () => {
    expect(await pythonFunction(FOLDER, 'lambda_function.not_json').invoke(rotationEvent(), invocation())).toEqual({
      ok: false,
      error: { errorType: 'Runtime.MarshalError', errorMessage: 'Unable to marshal response: Object of type object is not JSON serializable' },
    });
    expect(await pythonFunction(FOLDER, 'lambda_function.nothing').invoke(rotationEvent(), invocation())).toEqual({
      ok: false,
      error: { errorType: 'Runtime.HandlerNotFound', errorMessage: "Handler 'nothing' missing on module 'lambda_function'" },
    });
    expect(await pythonFunction(FOLDER, 'absent.lambda_handler').invoke(rotationEvent(), invocation())).toEqual({
      ok: false,
      error: { errorType: 'Runtime.ImportModuleError', errorMessage: "Unable to import module 'absent': No module named 'absent'" },
    });
  });
});
