// The AWS front door: the HTTP adapter of the pipeline, a lean handler on the raw node:http
// request, kept off express because it is the hot path. It checks what is about bytes, in AWS's
// order (content type → body size, the operation's limit from its model → JSON nesting), and
// hands the rest to dispatch() (JSON → target → identity → input → authorize → handler →
// output → record); then it writes the answer.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log';
import { SerializationException, UnknownOperationException } from '../protocol/errors';
import { nestsDeeper, requestLimits, widest, type RequestLimits } from '../protocol/limits';
import type { Dispatcher, Route } from '../pipeline/dispatch';
import type { AwsService } from '../services/service';
import { mediaType } from './content-type';
import { sendError, sendJson, sendTooLarge } from './respond';

const AWS_JSON = 'application/x-amz-json-1.1';
const PLAIN_JSON = 'application/json';

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

export function createFrontDoor(dispatcher: Dispatcher, services: AwsService[], logger: Logger): AwsRequestHandler {
  const limitsOf = new Map<Route, RequestLimits>();
  for (const service of services) {
    for (const operation of Object.keys(service.model.operations)) {
      const route = dispatcher.route(`${service.model.metadata.targetPrefix}.${operation}`)!;
      limitsOf.set(route, requestLimits(service.model, route.spec.input));
    }
  }
  // A request for an unknown target is read as far as any operation's would be, then refused.
  const anyTarget = widest([...limitsOf.values()]);

  async function serve(req: IncomingMessage, res: ServerResponse, route: Route | undefined, body: Buffer, startedAt: number, requestId: string): Promise<void> {
    const url = req.url!;
    const q = url.indexOf('?');
    const maxDepth = (route ? limitsOf.get(route)! : anyTarget).maxDepth;
    const outcome = await dispatcher.dispatch({
      route,
      body: () => parseBody(body, maxDepth),
      credentials: { kind: 'sigv4', headers: req.headers, query: q < 0 ? undefined : url.slice(q + 1) },
      requestId,
      startedAt,
      sourceIp: req.socket.remoteAddress,
      userAgent: req.headers['user-agent'],
      wire: true,
    });
    if ('error' in outcome) sendError(res, requestId, outcome.error, outcome.route?.model);
    else sendJson(res, 200, requestId, outcome.output);
  }

  return (req, res) => {
    const startedAt = performance.now();
    const requestId = randomUUID();
    if (!isAwsJson(req.headers['content-type'])) {
      // node:http discards the unread body once the answer is sent.
      const status = sendError(res, requestId, new UnknownOperationException(404), undefined);
      dispatcher.record({ requestId }, status, startedAt);
      return;
    }
    const route = dispatcher.route(req.headers['x-amz-target'] as string | undefined);
    const { maxBytes } = route ? limitsOf.get(route)! : anyTarget;
    const tooLarge = () => {
      sendTooLarge(res, requestId);
      dispatcher.record({ requestId, operation: route?.operation }, 413, startedAt);
    };
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
      if (size > maxBytes) return;
      serve(req, res, route, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), startedAt, requestId).catch((err) => {
        // dispatch() never throws: only writing the answer can fail here.
        logger.error(`strongroom: request ${requestId} could not be answered`, err);
        res.destroy();
      });
    });
    req.on('error', () => res.destroy());
  };
}
