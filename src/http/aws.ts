// The AWS front door: a lean handler on the raw node:http request, kept off express because
// it is the hot path. Order of checks: body size → JSON → target → identity → input → handler.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { AwsError, NotImplementedYet, RequestEntityTooLargeException, SerializationException, UnknownOperationException } from '../protocol/errors';
import { readInput } from '../protocol/input';
import type { ServiceModel } from '../protocol/model';
import { writeOutput } from '../protocol/output';
import type { AwsService } from '../services/service';
import { identify } from './identity';
import { sendError, sendJson } from './respond';

/** Largest request body accepted. AWS's JSON services cap requests well below this. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface FrontDoorOptions {
  services: AwsService[];
  clock: Clock;
  logger: Logger;
  defaultAccount: string;
}

interface Route {
  service: AwsService;
  operation: string;
}

export type AwsRequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export function createFrontDoor(options: FrontDoorOptions): AwsRequestHandler {
  const byPrefix = new Map(options.services.map((s) => [s.model.metadata.targetPrefix, s]));
  const { logger, clock } = options;

  function route(target: string | undefined): Route {
    const dot = target ? target.lastIndexOf('.') : -1;
    const service = dot > 0 ? byPrefix.get(target!.slice(0, dot)) : undefined;
    const operation = dot > 0 ? target!.slice(dot + 1) : '';
    if (!service || !service.model.operations[operation]) throw new UnknownOperationException();
    return { service, operation };
  }

  async function serve(req: IncomingMessage, res: ServerResponse, body: Buffer, started: bigint, requestId: string): Promise<void> {
    let model: ServiceModel | undefined;
    let operation = '-';
    let account = '-';
    let region = '-';
    let status = 200;
    try {
      const target = req.headers['x-amz-target'] as string | undefined;
      const prefix = target?.slice(0, target.lastIndexOf('.'));
      model = options.services.find((s) => s.model.metadata.targetPrefix === prefix)?.model;
      let parsed: unknown;
      try {
        parsed = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        throw new SerializationException('Unable to parse the request body as JSON.');
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new SerializationException('The request body must be a JSON object.');
      }
      const found = route(target);
      operation = found.operation;
      const q = req.url!.indexOf('?');
      const identity = identify(req.headers.authorization, q >= 0 ? new URLSearchParams(req.url!.slice(q + 1)) : undefined, options.defaultAccount);
      account = identity.accountId;
      region = identity.region;
      const opModel = found.service.model.operations[operation];
      const input = readInput(found.service.model, opModel.input, parsed);
      const handler = found.service.operations[operation];
      if (!handler) throw new NotImplementedYet(operation);
      const ctx = found.service.context({ requestId, accountId: account, region, accessKeyId: identity.accessKeyId, now: clock.now() });
      const result = await handler(ctx, input);
      sendJson(res, 200, requestId, writeOutput(found.service.model, opModel.output, result));
    } catch (error) {
      status = sendError(res, requestId, error, model);
    }
    if (logger.enabled('info')) {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(`${operation} ${status} ${ms.toFixed(1)}ms account=${account} region=${region} id=${requestId}`);
    }
  }

  return (req, res) => {
    const started = process.hrtime.bigint();
    const requestId = randomUUID();
    const declared = Number(req.headers['content-length']);
    if (declared > MAX_BODY_BYTES) {
      rejectTooLarge(res, requestId);
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let rejected = false;
    req.on('data', (chunk: Buffer) => {
      if (rejected) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        rejected = true;
        rejectTooLarge(res, requestId);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!rejected) void serve(req, res, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), started, requestId);
    });
    req.on('error', () => res.destroy());
  };
}

function rejectTooLarge(res: ServerResponse, requestId: string): void {
  const err: AwsError = new RequestEntityTooLargeException(`Request body must be no larger than ${MAX_BODY_BYTES} bytes.`);
  sendError(res, requestId, err, undefined);
}
