// Rotation functions given to createStrongroom({ rotationFunctions: { '<name>': fn } }): plain
// JavaScript functions run in this process, by function name (the ARN's last segment), so a
// test suite can rotate with no files at all. Each gets the event and a Lambda-shaped context
// (with the environment that points SDK clients back at this server); what it returns is the
// result, what it throws (or a run past the timeout) is a function error, as Lambda reports one.
import { randomUUID } from 'node:crypto';
import type { FunctionError, Invocation, InvokeResult, RotationEvent, RotationFunction, FunctionResolver } from './functions';
import { functionNameOf } from './names';

/** What an embedded function gets besides the event: the fields of Lambda's Node.js context it can use here. */
export interface EmbeddedContext {
  functionName: string;
  invokedFunctionArn: string;
  awsRequestId: string;
  /** The environment a deployed function would have: endpoint, region and credentials pointing at this server. */
  env: Record<string, string>;
  getRemainingTimeInMillis(): number;
  /** Writes a line to Strongroom's log, prefixed with the function and step. */
  log(line: string): void;
}

export type EmbeddedRotationFunction = (event: RotationEvent, context: EmbeddedContext) => unknown;

/** Lambda's Node.js runtime reports a thrown error by its name and message. */
function functionError(err: unknown): FunctionError {
  return err instanceof Error ? { errorType: err.name, errorMessage: err.message } : { errorType: typeof err, errorMessage: String(err) };
}

/** Runs a JavaScript rotation function in this process, as Lambda would: its throw or a run past the timeout is a function error. */
export async function runInProcess(fn: EmbeddedRotationFunction, event: RotationEvent, invocation: Invocation): Promise<InvokeResult> {
  const deadline = Date.now() + invocation.timeoutMs;
  const context: EmbeddedContext = {
    functionName: invocation.functionName,
    invokedFunctionArn: invocation.functionArn,
    awsRequestId: randomUUID(),
    env: { ...invocation.env },
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    log: (line) => invocation.log(line),
  };
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<InvokeResult>((resolve) => {
    const seconds = (invocation.timeoutMs / 1000).toFixed(2);
    // Lambda's words for a function stopped at its timeout.
    timer = setTimeout(() => resolve({ ok: false, error: { errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${seconds} seconds` } }), invocation.timeoutMs);
  });
  const ran = (async (): Promise<InvokeResult> => {
    try {
      return { ok: true, payload: await fn(event, context) };
    } catch (err) {
      return { ok: false, error: functionError(err) };
    }
  })();
  try {
    return await Promise.race([ran, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves an ARN to the function given under its name, if any. */
export function embeddedFunctions(functions: Record<string, EmbeddedRotationFunction>): FunctionResolver {
  return (functionArn) => {
    const name = functionNameOf(functionArn);
    const fn = Object.hasOwn(functions, name) ? functions[name] : undefined;
    if (!fn) return undefined;
    const found: RotationFunction = { invoke: (event, invocation) => runInProcess(fn, event, invocation) };
    return found;
  };
}
