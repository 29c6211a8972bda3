// `command`: any program. The event is JSON on its stdin, its answer JSON on its stdout; a
// non-zero exit is a function error whose message is what it wrote on stderr. No shell runs:
// the argv is the seed's list as given.
import { randomUUID } from 'node:crypto';
import type { RotationFunction } from '../functions';
import { runChild } from './process';
import { exited, failed, parsePayload } from './results';

export function commandFunction(argv: string[], cwd: string, env: Record<string, string> = {}): RotationFunction {
  const [command, ...args] = argv;
  return {
    async invoke(event, invocation) {
      const requestId = randomUUID();
      const outcome = await runChild({ command, args, cwd, env, input: JSON.stringify(event), requestId, answer: 'stdout' }, invocation);
      if (outcome.kind === 'stopped') return outcome.result;
      if (outcome.code === 0) return parsePayload(outcome.answer);
      if (outcome.stderr.trim() === '') return exited(requestId, outcome.code, outcome.signal);
      return failed('Runtime.ExitError', outcome.stderr.trim());
    },
  };
}
