// `endpoint`: a Lambda Invoke API elsewhere (`sam local start-lambda`, the Lambda runtime interface
// emulator, serverless-offline, another emulator): `POST /2015-03-31/functions/{name}/invocations`
// with the event as the body. A 200 with `X-Amz-Function-Error` (Handled or Unhandled) carries the
// function's error body; any other status is Lambda's own error (its `x-amzn-ErrorType` and
// message). Requests are sent unsigned: the local Lambda emulators do not check signatures.
import { randomUUID } from 'node:crypto';
import type { RotationFunction } from '../functions';
import { failed, functionErrorOf, MAX_PAYLOAD_BYTES, parsePayload, timedOut, tooLarge } from './results';

/** An absolute http or https URL (an endpoint as configured). */
export const isHttpUrl = (text: string): boolean => /^https?:\/\/[^/]/.test(text) && URL.canParse(text);

/**
 * @param url the endpoint, e.g. `http://127.0.0.1:3001`
 * @param remoteName the function's name there, when it differs from the ARN's (the runtime
 *   interface emulator answers only to `function`)
 */
export function endpointFunction(url: string, remoteName?: string): RotationFunction {
  const base = url.replace(/\/+$/, '');
  return {
    async invoke(event, invocation) {
      const target = `${base}/2015-03-31/functions/${encodeURIComponent(remoteName ?? invocation.functionName)}/invocations`;
      let response: Response;
      let body: string;
      try {
        response = await fetch(target, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-amz-invocation-type': 'RequestResponse' },
          body: JSON.stringify(event),
          signal: AbortSignal.timeout(invocation.timeoutMs),
        });
        body = await response.text();
      } catch (err) {
        const cause = err as Error & { cause?: { message?: string } };
        if (cause.name === 'TimeoutError') return timedOut(randomUUID(), invocation.timeoutMs);
        return failed('Strongroom.EndpointUnreachable', `cannot invoke ${target}: ${cause.cause?.message ?? cause.message}`);
      }
      if (Buffer.byteLength(body) > MAX_PAYLOAD_BYTES) return tooLarge();
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        parsed = undefined;
      }
      if (response.status < 200 || response.status > 299) {
        // Lambda's own errors name their type in x-amzn-ErrorType (`Type:url`), else in the body.
        const error = functionErrorOf(parsed, `HTTP ${response.status}`, body.trim().slice(0, 1024) || `HTTP ${response.status} from ${target}`);
        const headerType = response.headers.get('x-amzn-errortype')?.split(':')[0];
        return { ok: false, error: headerType ? { ...error, errorType: headerType } : error };
      }
      if (response.headers.has('x-amz-function-error')) {
        return { ok: false, error: functionErrorOf(parsed, response.headers.get('x-amz-function-error') ?? 'Unhandled', body.trim().slice(0, 1024)) };
      }
      return parsePayload(body);
    },
  };
}
