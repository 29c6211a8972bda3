// The AWS front door: the HTTP adapter of the pipeline, a lean handler on the raw node:http
// request, kept off express because it is the hot path. It checks what is about bytes, in AWS's
// order (content type → body size, the operation's limit from its model → JSON nesting), and
// hands the rest to dispatch() (JSON → target → identity → input → authorize → handler →
// output → record); then it writes the answer. A form-encoded body is the query protocol of
// STS: its `Action` names the operation, and the answer is XML.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log';
import { SerializationException, UnknownOperationException } from '../protocol/errors';
import { nestsDeeper, requestLimits, widest, type RequestLimits } from '../protocol/limits';
import { decodeQuery, InvalidAction, queryError, xmlError, xmlResult } from '../protocol/query';
import type { Dispatcher, Route } from '../pipeline/dispatch';
import type { AwsService } from '../services/service';
import { mediaType } from './content-type';
import { sendError, sendJson, sendTooLarge, sendXml } from './respond';
import { sendUnknownAction, sendUnknownTarget, unknownServiceOf } from './unknown-service';

const AWS_JSON = 'application/x-amz-json-1.1';
const PLAIN_JSON = 'application/json';
const FORM = 'application/x-www-form-urlencoded';
/** STS requests are small (a session policy, 50 tags, a few ARNs): the most a query request may carry. */
const QUERY_MAX_BYTES = 64 * 1024;

export type AwsRequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** `application/x-amz-json-1.1` or `application/json`, parameters (charset …) allowed. */
function isAwsJson(contentType: string | undefined): boolean {
  if (contentType === AWS_JSON || contentType === PLAIN_JSON) return true;
  const type = mediaType(contentType);
  return type === AWS_JSON || type === PLAIN_JSON;
}

function parseBody(body: Buffer, maxDepth: number): Record<string, unknown> {
  // JSON.parse takes any depth, at a cost in time and memory that grows with it.
  if (nestsDeeper(body, maxDepth)) throw new SerializationException();
  let parsed: unknown;
  try {
    // An empty body is not `{}` to AWS: it is unparsable.
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new SerializationException();
  }
  if (Array.isArray(parsed)) throw new SerializationException('Start of list found where not expected');
  if (typeof parsed !== 'object' || parsed === null) throw new SerializationException();
  return parsed as Record<string, unknown>;
}

/** Who sent the request and how, as dispatch() takes it: the same for both protocols. */
function caller(req: IncomingMessage, body: Buffer, requestId: string, startedAt: number) {
  const url = req.url!;
  const q = url.indexOf('?');
  return {
    credentials: { kind: 'sigv4' as const, method: req.method!, path: q < 0 ? url : url.slice(0, q), headers: req.headers, query: q < 0 ? undefined : url.slice(q + 1), body },
    requestId,
    startedAt,
    sourceIp: req.socket.remoteAddress,
    userAgent: req.headers['user-agent'],
  };
}

/**
 * Reads a body of at most `maxBytes`, then `done`; past that, `tooLarge` once and the rest is
 * dropped (node:http discards what is unread once the answer is sent).
 */
function readBody(req: IncomingMessage, res: ServerResponse, maxBytes: number, tooLarge: () => void, done: (body: Buffer) => void): void {
  if (Number(req.headers['content-length']) > maxBytes) return tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    if (size > maxBytes) return;
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
    else tooLarge();
  });
  req.on('end', () => {
    if (size <= maxBytes) done(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
  });
  req.on('error', () => res.destroy());
}

export function createFrontDoor(dispatcher: Dispatcher, services: AwsService[], logger: Logger): AwsRequestHandler {
  const limitsOf = new Map<Route, RequestLimits>();
  const signingNames = services.map((service) => service.model.metadata.signingName);
  // The service that speaks the query protocol (STS), if any; the others are routed by target.
  const queryService = services.find((service) => service.model.metadata.protocol === 'query');
  for (const service of services) {
    if (service === queryService) continue;
    for (const operation of Object.keys(service.model.operations)) {
      const route = dispatcher.route(`${service.model.metadata.targetPrefix}.${operation}`)!;
      limitsOf.set(route, requestLimits(service.model, route.spec.input));
    }
  }
  // A request for an unknown target is read as far as any implemented operation's would be, then
  // refused. An operation without a handler answers 501 after validation: its model's limit (some
  // of CloudTrail's unbounded inputs come to gigabytes) is held to the same bound.
  const anyTarget = widest([...limitsOf].filter(([route]) => route.handler).map(([, limits]) => limits));
  for (const [route, limits] of limitsOf) {
    if (!route.handler) limitsOf.set(route, { maxBytes: Math.min(limits.maxBytes, anyTarget.maxBytes), maxDepth: Math.min(limits.maxDepth, anyTarget.maxDepth) });
  }

  async function serve(req: IncomingMessage, res: ServerResponse, route: Route | undefined, body: Buffer, startedAt: number, requestId: string): Promise<void> {
    const maxDepth = (route ? limitsOf.get(route)! : anyTarget).maxDepth;
    const outcome = await dispatcher.dispatch({ route, body: () => parseBody(body, maxDepth), ...caller(req, body, requestId, startedAt), wire: true });
    if ('error' in outcome) sendError(res, requestId, outcome.error, outcome.route?.model);
    else sendJson(res, 200, requestId, outcome.output);
  }

  /** A query-protocol request: the handler's result as it returned it (Dates, bytes), written as XML. */
  async function serveQuery(service: AwsService, req: IncomingMessage, res: ServerResponse, body: Buffer, startedAt: number, requestId: string): Promise<void> {
    const { model } = service;
    const params = new URLSearchParams(body.toString('utf8'));
    const action = params.get('Action') ?? '';
    const version = params.get('Version');
    const route = version === model.metadata.apiVersion ? dispatcher.routeOf(service.name, action) : undefined;
    const decoded = () => {
      if (!route) throw new InvalidAction(action, version);
      return decodeQuery(model, route.spec.input, params);
    };
    const outcome = await dispatcher.dispatch({ route, body: decoded, ...caller(req, body, requestId, startedAt), wire: false });
    if ('error' in outcome) {
      const error = queryError(outcome.error, model);
      sendXml(res, error.status, requestId, xmlError(error, model.metadata.xmlNamespace!, requestId));
    } else sendXml(res, 200, requestId, xmlResult(model, outcome.route.operation, outcome.output, requestId));
  }

  return (req, res) => {
    const startedAt = performance.now();
    const requestId = randomUUID();
    const tooLarge = (route: Route | undefined) => () => {
      sendTooLarge(res, requestId);
      dispatcher.record({ requestId, operation: route?.operation }, 413, startedAt);
    };
    // dispatch() never throws: only writing the answer can fail.
    const unanswered = (err: unknown) => {
      logger.error(`strongroom: request ${requestId} could not be answered`, err);
      res.destroy();
    };
    const contentType = req.headers['content-type'];
    const target = req.headers['x-amz-target'] as string | undefined;
    // node:http discards the unread body once the answer is sent.
    const refused = (status: number, operation?: string) => dispatcher.record({ requestId, operation }, status, startedAt);
    if (!isAwsJson(contentType)) {
      // A service Strongroom does not emulate: SQS's or SNS's form posts, DynamoDB's AWS JSON 1.0 …
      const unknown = unknownServiceOf(req, signingNames);
      if (queryService && mediaType(contentType) === FORM) {
        return readBody(req, res, QUERY_MAX_BYTES, tooLarge(undefined), (body) => {
          if (!unknown) return void serveQuery(queryService, req, res, body, startedAt, requestId).catch(unanswered);
          const form = new URLSearchParams(body.toString('utf8'));
          refused(sendUnknownAction(res, requestId, unknown, form), form.get('Action') ?? undefined);
        });
      }
      if (unknown) return refused(sendUnknownTarget(res, requestId, unknown, target), target);
      return refused(sendError(res, requestId, new UnknownOperationException(404), undefined));
    }
    const route = dispatcher.route(target);
    if (!route) {
      const unknown = unknownServiceOf(req, signingNames);
      if (unknown) return refused(sendUnknownTarget(res, requestId, unknown, target), target);
    }
    const { maxBytes } = route ? limitsOf.get(route)! : anyTarget;
    readBody(req, res, maxBytes, tooLarge(route), (body) => serve(req, res, route, body, startedAt, requestId).catch(unanswered));
  };
}
