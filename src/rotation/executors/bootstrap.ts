// Functions run by a bootstrap of ours (runtime/): the Node.js and Python executors. The bootstrap
// reads `{ event, context }` as JSON on stdin, calls the handler with the event and a Lambda-shaped
// context, and writes one JSON line on fd 3: `{ "payload": … }` or `{ "error": { errorType,
// errorMessage } }`; the handler's own stdout and stderr are its log.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { RotationFunction } from '../functions';
import { runChild } from './process';
import { exited, functionErrorOf, parsePayload } from './results';

/** runtime/ at the package root: the same three levels up from src/rotation/executors and dist/rotation/executors. */
export const RUNTIME_DIR = resolve(__dirname, '../../../runtime');

interface BootstrapSpec {
  command: string;
  args: string[];
  /** The function's folder: its working directory, as Lambda's task root. */
  cwd: string;
  env: Record<string, string>;
}

export function bootstrapFunction(spec: BootstrapSpec): RotationFunction {
  return {
    async invoke(event, invocation) {
      const requestId = randomUUID();
      const context = { functionName: invocation.functionName, invokedFunctionArn: invocation.functionArn, awsRequestId: requestId, deadlineMs: Date.now() + invocation.timeoutMs };
      const outcome = await runChild({ ...spec, input: JSON.stringify({ event, context }), requestId, answer: 'fd3' }, invocation);
      if (outcome.kind === 'stopped') return outcome.result;
      if (outcome.answer.trim() === '') return exited(requestId, outcome.code, outcome.signal);
      const answer = parsePayload(outcome.answer);
      if (!answer.ok) return answer;
      const message = answer.payload as { payload?: unknown; error?: unknown } | null;
      if (message && 'error' in message) return { ok: false, error: functionErrorOf(message.error, 'Error', 'the function failed') };
      return { ok: true, payload: message?.payload ?? null };
    },
  };
}
