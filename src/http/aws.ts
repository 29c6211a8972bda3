// The AWS front door: a lean handler on the raw node:http request, kept off express because
// it is the hot path. Order of checks, as AWS makes them: content type → body size → JSON →
// target → identity → input (JSON types, then the model's constraints) → handler.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { NotImplementedYet, SerializationException, UnknownOperationException } from '../protocol/errors';
import { readInput } from '../protocol/input';
import type { OperationModel, ServiceModel } from '../protocol/model';
import { writeOutput } from '../protocol/output';
import type { AwsService, Operation } from '../services/service';
import { identify, type IdentityDefaults } from './identity';
import { sendError, sendFailure, sendJson, sendTooLarge } from './respond';

/** Largest request body accepted (8 MiB); a larger one gets AWS's bodiless 413. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

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
}

export type AwsRequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** `application/x-amz-json-1.1` or `application/json`, parameters (charset …) allowed. */
function isAwsJson(contentType: string | undefined): boolean {
  if (contentType === AWS_JSON || contentType === PLAIN_JSON) return true;
  if (contentType === undefined) return false;
  const semi = contentType.indexOf(';');
  const type = (semi < 0 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
  return type === AWS_JSON || type === PLAIN_JSON;
}

function parseBody(body: Buffer): Record<string, unknown> {
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
      routes.set(`${model.metadata.targetPrefix}.${operation}`, { service, model, operation, spec, handler: service.operations[operation] });
    }
  }

  function log(route: Route | undefined, status: number, started: number, requestId: string, account = '-', region = '-'): void {
    const ms = performance.now() - started;
    logger.info(`${route?.operation ?? '-'} ${status} ${ms.toFixed(1)}ms account=${account} region=${region} id=${requestId}`);
  }

  async function serve(req: IncomingMessage, res: ServerResponse, body: Buffer, started: number, requestId: string): Promise<void> {
    let route: Route | undefined;
    let accountId: string | undefined;
    let region: string | undefined;
    let status = 200;
    try {
      const parsed = parseBody(body);
      route = routes.get(req.headers['x-amz-target'] as string);
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
    if (Number(req.headers['content-length']) > MAX_BODY_BYTES) {
      sendTooLarge(res, requestId);
      if (logger.enabled('info')) log(undefined, 413, started, requestId);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > MAX_BODY_BYTES) return;
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else {
        sendTooLarge(res, requestId);
        if (logger.enabled('info')) log(undefined, 413, started, requestId);
      }
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return;
      serve(req, res, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), started, requestId).catch((err) => {
        logger.error(`strongroom: request ${requestId} could not be answered`, err);
        res.destroy();
      });
    });
    req.on('error', () => res.destroy());
  };
}
