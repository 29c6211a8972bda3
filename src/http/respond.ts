// The one place that writes AWS protocol answers: results and every error.
import type { ServerResponse } from 'node:http';
import { AwsError, InternalFailure } from '../protocol/errors';
import type { ServiceModel } from '../protocol/model';

const CONTENT_TYPE = 'application/x-amz-json-1.1';

export function sendJson(res: ServerResponse, status: number, requestId: string, body: unknown, extra?: Record<string, string>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': requestId,
    ...extra,
  });
  res.end(text);
}

/** Status of an error: its own if it fixes one, else 500 for a modelled fault, else 400. */
export function errorStatus(err: AwsError, model: ServiceModel | undefined): number {
  return err.status ?? (model?.shapes[err.name]?.fault ? 500 : 400);
}

/**
 * Writes an error as AWS does: `{"__type": Name, "message"|"Message": text}`, the key as the
 * service's model spells it (`Message` for Secrets Manager, `message` for KMS), plus the
 * `x-amzn-ErrorType` header. Anything that is not an AwsError is logged and becomes a 500.
 */
export function sendError(res: ServerResponse, requestId: string, error: unknown, model: ServiceModel | undefined): number {
  let err: AwsError;
  if (error instanceof AwsError) {
    err = error;
  } else {
    console.error(`strongroom: request ${requestId} failed unexpectedly`, error);
    err = new InternalFailure();
  }
  const status = errorStatus(err, model);
  const body: Record<string, string> = { __type: err.name };
  if (err.hasMessage) body[model?.errorMessageKey ?? 'message'] = err.message;
  sendJson(res, status, requestId, body, { 'x-amzn-ErrorType': err.name });
  return status;
}
