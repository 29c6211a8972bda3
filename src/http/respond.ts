// The one place that writes AWS protocol answers: results and every error.
import { STATUS_CODES, type ServerResponse } from 'node:http';
import { AwsError, BadRequestException, InternalFailure, statusOf } from '../protocol/errors';
import type { ServiceModel } from '../protocol/model';
import { perObject } from '../memo';
import type { Logger } from '../log';

const CONTENT_TYPE = 'application/x-amz-json-1.1';

/** The JSON text of frozen objects (what the output writer wrote of a cached record's view): they cannot change. */
const frozenText = perObject((value: object): string => JSON.stringify(value));

/** A frozen object (a primitive counts as frozen to Object.isFrozen, and has no text kept). */
const frozenObject = (value: unknown): value is object => typeof value === 'object' && value !== null && Object.isFrozen(value);
const ofFrozen = (member: unknown): member is unknown[] => Array.isArray(member) && frozenObject(member[0]);

/**
 * JSON.stringify's text of an answer, reusing the text of what in it is frozen: the whole answer
 * (DescribeSecret of a cached record) or the items of a list of it (a ListSecrets page).
 */
function jsonText(body: unknown): string {
  if (body === null || typeof body !== 'object') return JSON.stringify(body);
  if (Object.isFrozen(body)) return frozenText(body);
  const members = body as Record<string, unknown>;
  let lists = false;
  for (const name in members) if (ofFrozen(members[name])) lists = true;
  if (!lists) return JSON.stringify(body);
  const parts: string[] = [];
  for (const name in members) {
    const member = members[name];
    if (member === undefined) continue;
    const text = ofFrozen(member) ? `[${member.map((item) => (frozenObject(item) ? frozenText(item) : (JSON.stringify(item) ?? 'null'))).join(',')}]` : JSON.stringify(member);
    parts.push(`${JSON.stringify(name)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

/** An answer made but not yet written. */
interface Answer {
  res: ServerResponse;
  status: number;
  /** A flat header list: the cheapest form for node:http to write. */
  headers: string[];
  body: string;
}

/** The answers made in this turn of the event loop, written together at its end. */
let outbox: Answer[] = [];
/** The responses in the outbox: answered, though node:http does not know it yet (headersSent is false). */
const inOutbox = new WeakSet<ServerResponse>();

/**
 * Writes the outbox. Answers go out together once per turn of the event loop rather than each as
 * it is made: a write that finds its client asleep pays to wake it (on the benchmark's VM, ~20 µs
 * of a ~30 µs send), and the answers of the requests that arrived together reach their clients
 * together, so most writes find them awake. Measured in bench/RESULTS.md (issue 15): KMS Encrypt
 * 92 → 64 µs of CPU a request. The wait is the rest of the turn (setImmediate never waits on I/O).
 */
function flush(): void {
  const answers = outbox;
  outbox = [];
  for (const { res, status, headers, body } of answers) {
    inOutbox.delete(res);
    // A client that hung up meanwhile gets nothing.
    if (res.destroyed) continue;
    res.writeHead(status, headers);
    res.end(body);
  }
}

function answer(res: ServerResponse, status: number, headers: string[], body: string): void {
  if (outbox.length === 0) setImmediate(flush);
  outbox.push({ res, status, headers, body });
  inOutbox.add(res);
}

export function sendJson(res: ServerResponse, status: number, requestId: string, body: unknown, errorType?: string): void {
  const text = jsonText(body);
  const headers = ['Content-Type', CONTENT_TYPE, 'Content-Length', String(Buffer.byteLength(text)), 'x-amzn-RequestId', requestId];
  if (errorType) headers.push('x-amzn-ErrorType', errorType);
  answer(res, status, headers, text);
}

/** An answer of the query protocol (STS): a result or an `<ErrorResponse>`, already XML. */
export function sendXml(res: ServerResponse, status: number, requestId: string, xml: string): void {
  answer(res, status, ['Content-Type', 'text/xml', 'Content-Length', String(Buffer.byteLength(xml)), 'x-amzn-RequestId', requestId], xml);
}

/** AWS answers a body over its limit with 413 and nothing in the body. */
export function sendTooLarge(res: ServerResponse, requestId: string): void {
  answer(res, 413, ['Content-Length', '0', 'x-amzn-RequestId', requestId], '');
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
 * stack and answered as a 500. A response already made (written, or waiting in the outbox) is cut
 * off. Returns the status.
 */
export function sendFailure(res: ServerResponse, requestId: string, error: unknown, model: ServiceModel | undefined, logger: Logger): number {
  let err: AwsError;
  if (error instanceof AwsError) err = error;
  else {
    logger.error(`strongroom: request ${requestId} failed unexpectedly`, error);
    err = new InternalFailure();
  }
  if (res.headersSent || inOutbox.has(res)) {
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
