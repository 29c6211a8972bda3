// The AWS front door: a lean handler on the raw node:http request, kept off express because
// it is the hot path. Order of checks, as AWS makes them: content type → body size → JSON →
// target → identity → input (JSON types, then the model's constraints) → handler. The size and
// nesting limits are the operation's, derived from its model (protocol/limits.ts).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { NotImplementedYet, SerializationException, UnknownOperationException } from '../protocol/errors';
import { readInput } from '../protocol/input';
import { nestsDeeper, requestLimits, widest, type RequestLimits } from '../protocol/limits';
import type { OperationModel, ServiceModel } from '../protocol/model';
import { writeOutput } from '../protocol/output';
import type { AwsService, Operation } from '../services/service';
import { mediaType } from './content-type';
import { identify, type IdentityDefaults } from './identity';
import { sendError, sendFailure, sendJson, sendTooLarge } from './respond';

const AWS_JSON = 'application/x-amz-json-1.1';
const PLAIN_JSON = 'application/json';

export interface FrontDoorOptions {
  services: AwsService[];
  clock: Clock;
  logger: Logger;
  defaults: IdentityDefaults;
}

/** One `X-Amz-Target`, resolved once at start-up. */
interface Route {
  service: AwsService;
  model: ServiceModel;
  operation: string;
  spec: OperationModel;
  handler: Operation<unknown> | undefined;
  limits: RequestLimits;
}

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

export function createFrontDoor(options: FrontDoorOptions): AwsRequestHandler {
  const { logger, clock, defaults } = options;
  const routes = new Map<string, Route>();
  for (const service of options.services) {
    const { model } = service;
    for (const [operation, spec] of Object.entries(model.operations)) {
      const limits = requestLimits(model, spec.input);
      routes.set(`${model.metadata.targetPrefix}.${operation}`, { service, model, operation, spec, handler: service.operations[operation], limits });
    }
  }
  // A request for an unknown target is read as far as any operation's would be, then refused.
  const anyTarget = widest([...routes.values()].map((r) => r.limits));

  function log(route: Route | undefined, status: number, started: number, requestId: string, account = '-', region = '-'): void {
    const ms = performance.now() - started;
    logger.info(`${route?.operation ?? '-'} ${status} ${ms.toFixed(1)}ms account=${account} region=${region} id=${requestId}`);
  }

  async function serve(req: IncomingMessage, res: ServerResponse, route: Route | undefined, body: Buffer, started: number, requestId: string): Promise<void> {
    let accountId: string | undefined;
    let region: string | undefined;
    let status = 200;
    try {
      const parsed = parseBody(body, (route?.limits ?? anyTarget).maxDepth);
      if (!route) throw new UnknownOperationException();
      const url = req.url!;
      const q = url.indexOf('?');
      const identity = identify(req.headers, q < 0 ? undefined : url.slice(q + 1), route.model.metadata.signingName, defaults);
      accountId = identity.accountId;
      region = identity.region;
      const input = readInput(route.model, route.spec.input, parsed);
      if (!route.handler) throw new NotImplementedYet(route.operation);
      const ctx = route.service.context({ requestId, accountId, region, accessKeyId: identity.accessKeyId, now: clock.now() });
      const result = await route.handler(ctx, input);
      sendJson(res, 200, requestId, writeOutput(route.model, route.spec.output, result));
    } catch (error) {
      status = sendFailure(res, requestId, error, route?.model, logger);
    }
    if (logger.enabled('info')) log(route, status, started, requestId, accountId, region);
  }

  return (req, res) => {
    const started = performance.now();
    const requestId = randomUUID();
    if (!isAwsJson(req.headers['content-type'])) {
      // node:http discards the unread body once the answer is sent.
      const status = sendError(res, requestId, new UnknownOperationException(404), undefined);
      if (logger.enabled('info')) log(undefined, status, started, requestId);
      return;
    }
    const route = routes.get(req.headers['x-amz-target'] as string);
    const { maxBytes } = route?.limits ?? anyTarget;
    if (Number(req.headers['content-length']) > maxBytes) {
      sendTooLarge(res, requestId);
      if (logger.enabled('info')) log(route, 413, started, requestId);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > maxBytes) return;
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else {
        sendTooLarge(res, requestId);
        if (logger.enabled('info')) log(route, 413, started, requestId);
      }
    });
    req.on('end', () => {
      if (size > maxBytes) return;
      serve(req, res, route, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), started, requestId).catch((err) => {
        logger.error(`strongroom: request ${requestId} could not be answered`, err);
        res.destroy();
      });
    });
    req.on('error', () => res.destroy());
  };
}
