// `command`: the event as JSON on stdin, the answer as JSON on stdout; a non-zero exit is a
// function error with stderr as its message.
import { join } from 'node:path';
import { commandFunction } from '../../../src/rotation/executors/command';
import { FIXTURES, invocation, rotationEvent } from './invocation';

const SCRIPT = join(FIXTURES, 'command.sh');

describe('command executor', () => {
  it('gives the event on stdin and answers with stdout, stderr to the log', async () => {
    const inv = invocation();
    const result = await commandFunction(['sh', SCRIPT], FIXTURES).invoke(rotationEvent('createSecret'), inv);
    expect(result).toEqual({ ok: true, payload: { received: rotationEvent('createSecret'), region: 'us-east-1' } });
    expect(inv.lines).toEqual(['working']);
  });

  it('reports a non-zero exit with stderr as the message', async () => {
    const result = await commandFunction([SCRIPT], FIXTURES, { FAILURE_REASON: 'permission denied' }).invoke(rotationEvent('setSecret'), invocation());
    expect(result).toEqual({ ok: false, error: { errorType: 'Runtime.ExitError', errorMessage: 'cannot set the secret: permission denied' } });
  });

  it('reports an answer that is not JSON, a hang and a program that does not exist', async () => {
    const node = process.execPath;
    expect(await commandFunction([node, '-e', 'process.stdout.write("done")'], FIXTURES).invoke(rotationEvent(), invocation())).toEqual({
      ok: false,
      error: { errorType: 'Runtime.MarshalError', errorMessage: expect.stringMatching(/^Unable to marshal response: Unexpected token/) },
    });
    expect(await commandFunction([node, '-e', 'setInterval(() => {}, 1000)'], FIXTURES).invoke(rotationEvent(), invocation({ timeoutMs: 1000 }))).toEqual({
      ok: false,
      error: { errorType: 'Sandbox.Timedout', errorMessage: expect.stringMatching(/Task timed out after 1\.00 seconds$/) },
    });
    expect(await commandFunction([join(FIXTURES, 'absent.sh')], FIXTURES).invoke(rotationEvent(), invocation())).toEqual({
      ok: false,
      error: { errorType: 'Runtime.InvalidEntrypoint', errorMessage: expect.stringContaining('ENOENT') },
    });
  });

  it('answers null for a command that prints nothing, and the exit status for one that fails silently', async () => {
    const node = process.execPath;
    expect(await commandFunction([node, '-e', ''], FIXTURES).invoke(rotationEvent(), invocation())).toEqual({ ok: true, payload: null });
    expect(await commandFunction([node, '-e', 'process.exit(4)'], FIXTURES).invoke(rotationEvent(), invocation())).toEqual({
      ok: false,
      error: { errorType: 'Runtime.ExitError', errorMessage: expect.stringMatching(/Runtime exited with error: exit status 4$/) },
    });
  });
});
