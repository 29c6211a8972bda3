// The one place that writes AWS protocol answers: results and every error.
import { STATUS_CODES, type ServerResponse } from 'node:http';
import { AwsError, BadRequestException, InternalFailure, statusOf } from '../protocol/errors';
import type { ServiceModel } from '../protocol/model';
import type { Logger } from '../log';

const CONTENT_TYPE = 'application/x-amz-json-1.1';

/** The JSON text of frozen objects (what the output writer wrote of a cached record's view): they cannot change. */
const texts = new WeakMap<object, string>();

/** JSON.stringify's text, reusing the text of frozen objects within `value` (a page of a hundred list entries is mostly those). */
function jsonText(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Object.isFrozen(value)) {
    let text = texts.get(value);
    if (text === undefined) texts.set(value, (text = JSON.stringify(value)));
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : jsonText(item))).join(',')}]`;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(value);
  const members: string[] = [];
  for (const [name, member] of Object.entries(value)) if (member !== undefined) members.push(`${JSON.stringify(name)}:${jsonText(member)}`);
  return `{${members.join(',')}}`;
}

export function sendJson(res: ServerResponse, status: number, requestId: string, body: unknown, errorType?: string): void {
  const text = jsonText(body);
  // A flat header list is the cheapest form for node:http to write.
  const headers = ['Content-Type', CONTENT_TYPE, 'Content-Length', String(Buffer.byteLength(text)), 'x-amzn-RequestId', requestId];
  if (errorType) headers.push('x-amzn-ErrorType', errorType);
  res.writeHead(status, headers);
  res.end(text);
}

/** An answer of the query protocol (STS): a result or an `<ErrorResponse>`, already XML. */
export function sendXml(res: ServerResponse, status: number, requestId: string, xml: string): void {
  res.writeHead(status, ['Content-Type', 'text/xml', 'Content-Length', String(Buffer.byteLength(xml)), 'x-amzn-RequestId', requestId]);
  res.end(xml);
}

/** AWS answers a body over its limit with 413 and nothing in the body. */
export function sendTooLarge(res: ServerResponse, requestId: string): void {
  res.writeHead(413, ['Content-Length', '0', 'x-amzn-RequestId', requestId]);
  res.end();
}


/** `{"__type": Name, "message"|"Message": text}`, the key as the error or the service's model spells it. */
function errorBody(err: AwsError, model: ServiceModel | undefined): Record<string, string> {
  const body: Record<string, string> = { __type: err.name };
  if (err.hasMessage) body[err.messageKey ?? model?.errorMessageKey ?? 'message'] = err.message;
  return body;
}

/** Writes an error as AWS does, with the `x-amzn-ErrorType` header; returns the status. */
export function sendError(res: ServerResponse, requestId: string, err: AwsError, model: ServiceModel | undefined): number {
  const status = statusOf(err, model);
  sendJson(res, status, requestId, errorBody(err, model), err.name);
  return status;
}

/**
 * Answers whatever a request threw. Anything that is not an AwsError is a bug: logged with its
 * stack and answered as a 500. A response already under way is cut off. Returns the status.
 */
export function sendFailure(res: ServerResponse, requestId: string, error: unknown, model: ServiceModel | undefined, logger: Logger): number {
  let err: AwsError;
  if (error instanceof AwsError) err = error;
  else {
    logger.error(`strongroom: request ${requestId} failed unexpectedly`, error);
    err = new InternalFailure();
  }
  if (res.headersSent) {
    res.destroy();
    return 500;
  }
  return sendError(res, requestId, err, model);
}

/** A whole HTTP response for a request node:http could not parse, to write straight to its socket. */
export function rawErrorResponse(status: number, requestId: string): string {
  const err = new BadRequestException(status, STATUS_CODES[status] ?? 'Bad Request');
  const text = JSON.stringify(errorBody(err, undefined));
  const head = [
    `HTTP/1.1 ${status} ${err.message}`,
    `Content-Type: ${CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(text)}`,
    `x-amzn-RequestId: ${requestId}`,
    `x-amzn-ErrorType: ${err.name}`,
    `Date: ${new Date().toUTCString()}`,
    'Connection: close',
  ];
  return `${head.join('\r\n')}\r\n\r\n${text}`;
}
