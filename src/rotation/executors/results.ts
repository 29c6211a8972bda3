// Function errors as Lambda words them, for the failures an executor sees itself (a timeout, a
// process that exits without answering, an answer that is not JSON). A function's own errors keep
// the type and message the function gave.
import type { FunctionError, InvokeResult } from '../functions';

/** Lambda's limit for a synchronous invocation's response payload. */
export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

export const failed = (errorType: string, errorMessage: string): InvokeResult => ({ ok: false, error: { errorType, errorMessage } });

/** Lambda's answer for a function still running at its timeout. */
export const timedOut = (requestId: string, timeoutMs: number): InvokeResult =>
  failed('Sandbox.Timedout', `RequestId: ${requestId} Error: Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);

/** Lambda's answer for a runtime process that ends without answering (`process.exit(3)`, a signal). */
export const exited = (requestId: string, code: number | null, signal: string | null): InvokeResult =>
  failed('Runtime.ExitError', `RequestId: ${requestId} Error: Runtime exited with error: ${signal ? `signal: ${signal}` : `exit status ${code}`}`);

export const tooLarge = (): InvokeResult =>
  failed('Function.ResponseSizeTooLarge', `Response payload size exceeded maximum allowed payload size (${MAX_PAYLOAD_BYTES} bytes).`);

/** A payload given as JSON text (empty: the function returned nothing, which Lambda answers as `null`). */
export function parsePayload(text: string): InvokeResult {
  if (text.trim() === '') return { ok: true, payload: null };
  try {
    return { ok: true, payload: JSON.parse(text) };
  } catch (err) {
    return failed('Runtime.MarshalError', `Unable to marshal response: ${(err as Error).message}`);
  }
}

/** `{ errorType, errorMessage }` from a value that should be one (a bootstrap's or an endpoint's error body). */
export function functionErrorOf(value: unknown, fallbackType: string, fallbackMessage: string): FunctionError {
  const body = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const pick = (...keys: string[]) => keys.map((k) => body[k]).find((v): v is string => typeof v === 'string' && v !== '');
  return {
    errorType: pick('errorType', '__type') ?? fallbackType,
    errorMessage: pick('errorMessage', 'message', 'Message') ?? fallbackMessage,
  };
}
