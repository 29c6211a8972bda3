// dispatch(): the AWS pipeline as an in-process function. Every call of an AWS operation goes
// through it, whichever door it came in: the HTTP front door, seed files, the console,
// rotation jobs, and the calls one service makes to another. Its named steps run in AWS's
// order:
//
//   body (JSON)  → route (target) → identity → input (model) → authorize → handler → output → record
//
// The record step is the one exit: every call, answered or failed, passes it once.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { AwsError, InternalFailure, NotImplementedYet, statusOf, UnknownOperationException } from '../protocol/errors';
import { readInput } from '../protocol/input';
import { queryError } from '../protocol/query';
import type { OperationModel, ServiceModel } from '../protocol/model';
import { writeOutput } from '../protocol/output';
import type { AwsService, Operation } from '../services/service';
import type { InProcessCall, InProcessCaller, RequestContext } from './context';
import type { FinishedCall } from '../audit/types';
import type { WouldDeny } from '../auth/types';
import { authorizeStep, type Authorizer } from './steps/authorize';
import { identityStep, type Credentials, type IdentityDefaults } from './steps/identity';
import { recordStep, type Recorded } from './steps/record';

/** One operation of one service, resolved once at start-up. */
export interface Route {
  service: AwsService;
  model: ServiceModel;
  operation: string;
  spec: OperationModel;
  handler: Operation<unknown> | undefined;
  /** Input members the model marks as idempotency tokens. */
  idempotencyTokens: string[];
}

interface CallRequest {
  route: Route | undefined;
  /** The input as JSON members (or, in process, with Buffers and Dates); a parser throws SerializationException. */
  body: () => Record<string, unknown>;
  credentials: Credentials;
  requestId: string;
  /** performance.now() when the call arrived. */
  startedAt: number;
  sourceIp?: string;
  userAgent?: string;
  invokedBy?: string;
  /** A call Strongroom makes as itself (seed files, scheduled work): not subject to policies. */
  trusted?: boolean;
  /** InProcessCaller.eventAfterAnswer. */
  eventAfterAnswer?: boolean;
  /** Write the result as the wire carries it (base64, epoch seconds) rather than as the handler returned it. */
  wire: boolean;
}

type Outcome = { status: 200; route: Route; output: unknown } | { status: number; route: Route | undefined; error: AwsError };

export interface Dispatcher {
  /** The route of an `X-Amz-Target`, if there is one. */
  route(target: string | undefined): Route | undefined;
  /** The route of a service's operation by name (`sts`, `GetCallerIdentity`): for protocols that name the operation in the body. */
  routeOf(service: string, operation: string): Route | undefined;
  /** Runs one call through every step; never throws (a bug is logged and answered as InternalFailure). */
  dispatch(request: CallRequest): Promise<Outcome>;
  call: InProcessCall;
  /** The record step for a call refused before dispatch (a transport error: content type, size). */
  record(call: Recorded, status: number, startedAt: number): void;
}

export interface DispatcherOptions {
  services: AwsService[];
  clock: Clock;
  logger: Logger;
  defaults: IdentityDefaults;
  /** Access control; without it, open mode. */
  auth?: Authorizer;
  /**
   * The audit trail's part of the record step: queues the call's event, giving its id and a
   * promise of its being stored (a client's answer waits for it). Calls Strongroom makes as
   * itself (seeds, scheduled work) are not recorded.
   */
  audit?: (call: FinishedCall) => { eventId: string; stored: Promise<void> };
  /** A line for the log about a failed call (the not-found hint, src/hints.ts); computed only where info is logged. */
  hint?: (call: FinishedCall) => Promise<string | undefined>;
}

/** What run() learned of a call, step by step, for the record step. */
interface Trace {
  ctx?: RequestContext;
  input?: Record<string, unknown>;
  output?: unknown;
  wouldDeny: WouldDeny[];
}

/** The SDKs fill an idempotency token the caller left out (ClientRequestToken) with a fresh UUID: in process, so does call(). */
function withIdempotencyTokens(route: Route, input: Record<string, unknown>): Record<string, unknown> {
  let filled: Record<string, unknown> | undefined;
  for (const name of route.idempotencyTokens) if (input[name] === undefined) (filled ??= { ...input })[name] = randomUUID();
  return filled ?? input;
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { clock, logger, defaults, auth, audit, hint } = options;
  const byTarget = new Map<string, Route>();
  const byName = new Map<string, Route>();
  for (const service of options.services) {
    const { model } = service;
    for (const [operation, spec] of Object.entries(model.operations)) {
      const members = spec.input ? model.shapes[spec.input].members : undefined;
      const idempotencyTokens = Object.keys(members ?? {}).filter((name) => members![name].idempotencyToken);
      const route: Route = { service, model, operation, spec, handler: service.operations[operation], idempotencyTokens };
      // A query-protocol model (STS) has no target: its requests name the operation (routeOf).
      if (model.metadata.targetPrefix) byTarget.set(`${model.metadata.targetPrefix}.${operation}`, route);
      // CloudTrail's botocore prefix is com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101; AWS also
      // takes the service shape's name alone, which the SDK for JavaScript v3 sends (CloudTrail_20131101.LookupEvents).
      const shapeName = model.metadata.targetPrefix?.split('.').pop();
      if (shapeName && shapeName !== model.metadata.targetPrefix) byTarget.set(`${shapeName}.${operation}`, route);
      byName.set(`${service.name}.${operation}`, route);
    }
  }

  async function run(request: CallRequest, recorded: Recorded, trace: Trace): Promise<Outcome> {
    const { route } = request;
    try {
      const body = request.body();
      if (!route) throw new UnknownOperationException();
      const { principal, region } = identityStep(request.credentials, route.model.metadata.signingName, defaults, auth, clock.now());
      // In process, a service may act in its resource's account for a caller of another.
      const accountId = (request.credentials.kind === 'principal' && request.credentials.accountId) || principal.accountId;
      recorded.accountId = accountId;
      recorded.region = region;
      // The context exists from here on, so a call its input fails still has its event.
      const ctx: RequestContext = (trace.ctx = {
        requestId: request.requestId,
        service: route.service.name,
        operation: route.operation,
        principal,
        accountId,
        region,
        accessKeyId: principal.accessKeyId,
        now: clock.now(),
        sourceIp: request.sourceIp,
        userAgent: request.userAgent,
        invokedBy: request.invokedBy,
        resources: [],
      });
      const input = (trace.input = readInput(route.model, route.spec.input, body) as Record<string, unknown>);
      if (!route.handler) throw new NotImplementedYet(route.operation);
      const serviceCtx = route.service.context(ctx);
      if (auth && (auth.mode === 'audit' || auth.mode === 'enforce') && !request.trusted) trace.wouldDeny = await authorizeStep(auth, route.service, serviceCtx, ctx, input);
      // The input was read by the operation's own shape: what its handler takes.
      const result = (trace.output = await route.handler(serviceCtx, input as never));
      return { status: 200, route, output: request.wire ? writeOutput(route.model, route.spec.output, result) : result };
    } catch (thrown) {
      let error: AwsError;
      if (thrown instanceof AwsError) error = thrown;
      else {
        logger.error(`strongroom: request ${request.requestId} failed unexpectedly`, thrown);
        error = new InternalFailure();
      }
      // The query protocol (STS) answers some errors with statuses of its own (AccessDenied 403).
      const status = route?.model.metadata.protocol === 'query' ? queryError(error, route.model).status : statusOf(error, route?.model);
      return { status, route, error };
    }
  }

  const dispatcher: Dispatcher = {
    route: (target) => (target === undefined ? undefined : byTarget.get(target)),
    routeOf: (service, operation) => byName.get(`${service}.${operation}`),

    async dispatch(request) {
      const recorded: Recorded = { requestId: request.requestId, operation: request.route?.operation, invokedBy: request.invokedBy, trusted: request.trusted };
      const trace: Trace = { wouldDeny: [] };
      const outcome = await run(request, recorded, trace);
      const { route } = request;
      const error = 'error' in outcome ? outcome.error : undefined;
      const finished: FinishedCall | undefined =
        route && trace.ctx && !request.trusted ? { ctx: trace.ctx, model: route.model, spec: route.spec, input: trace.input, output: trace.output, error, wouldDeny: trace.wouldDeny } : undefined;
      if (audit && finished) {
        // The call has its answer; a trail that cannot be written must not change it.
        const unrecorded = (err: unknown) => logger.error(`strongroom: request ${request.requestId}: its audit event could not be recorded`, err);
        try {
          const { eventId, stored } = audit(finished);
          recorded.eventId = eventId;
          if (request.eventAfterAnswer) stored.catch(unrecorded);
          else await stored;
        } catch (err) {
          unrecorded(err);
        }
      }
      recordStep(logger, recorded, outcome.status, request.startedAt);
      // A client's own failed call only: a service's call for another is the caller's to explain.
      if (hint && finished?.error && !request.invokedBy && logger.enabled('info')) {
        try {
          const line = await hint(finished);
          if (line) logger.info(line);
        } catch (err) {
          logger.error(`strongroom: request ${request.requestId}: its hint could not be made`, err);
        }
      }
      return outcome;
    },

    async call<T>(service: string, operation: string, input: Record<string, unknown>, caller: InProcessCaller): Promise<T> {
      const route = byName.get(`${service}.${operation}`);
      if (!route) throw new Error(`${service} has no operation ${operation}`);
      const outcome = await dispatcher.dispatch({
        route,
        body: () => withIdempotencyTokens(route, input),
        credentials: { kind: 'principal', principal: caller.principal, accountId: caller.accountId, region: caller.region },
        requestId: randomUUID(),
        startedAt: performance.now(),
        invokedBy: caller.invokedBy,
        trusted: caller.trusted,
        eventAfterAnswer: caller.eventAfterAnswer,
        wire: false,
      });
      if ('error' in outcome) throw outcome.error;
      return outcome.output as T;
    },

    record: (call, status, startedAt) => recordStep(logger, call, status, startedAt),
  };
  return dispatcher;
}
