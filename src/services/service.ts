// What the pipeline needs from a service: its model, its operation table, and a way to make
// the per-request context its handlers receive. Services reach each other only through AWS
// operations run in process (ServiceDeps.call): Secrets Manager asks KMS for data keys as AWS
// does, through KMS's own operations; it never reads KMS records.
import type { AuditSink } from '../audit/types';
import type { AuthorizationTarget } from '../auth/types';
import type { Clock } from '../clock';
import type { JobKind } from '../jobs/runner';
import type { RequestContext } from '../pipeline/context';
import type { InProcessCall } from '../pipeline/context';
import type { ServiceModel } from '../protocol/model';
import type { Seeder } from '../seed';
import type { Store } from '../store/store';

/** A handler as the operation table holds it: its own input type is checked by the service's table (operations/index.ts), then erased. */
export type Operation<C> = (ctx: C, input: never) => unknown;

/** An operation table as operations/index.ts declares it: a loader of each operation's file, so a process loads only the operations it is asked for (cold start, issue 15). */
export type OperationLoaders<H> = { [K in keyof H]?: () => H[K] };

/** The handlers of a table of loaders: each loads its file on its first call. */
export function loadedOnFirstCall<C>(loaders: Partial<Record<string, () => Operation<C>>>): Partial<Record<string, Operation<C>>> {
  const table: Partial<Record<string, Operation<C>>> = {};
  for (const [name, load] of Object.entries(loaders)) {
    let handler: Operation<C> | undefined;
    if (load) table[name] = (ctx, input) => (handler ??= load())(ctx, input);
  }
  return table;
}

// A list of services erases each one's handler context type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface AwsService<C = any> {
  /** The section name in seed files and the id in /_strongroom/health. */
  name: string;
  model: ServiceModel;
  /** Handlers by operation name; an operation of the model without one answers 501 NotImplementedException. */
  operations: Partial<Record<string, Operation<C>>>;
  /** The handler context for one request; may extend `scope`, which is made fresh per request. */
  context(scope: RequestContext): C;
  /**
   * What a call needs to be allowed (docs/access-control.md): its actions, the resources it
   * resolves from its input and their policies, grants and condition keys. Run by the authorize
   * step before the handler, in `audit` and `enforce` modes only. A resource that does not exist
   * is described by the ARN the caller named (no policy), so a caller without permission is
   * denied before learning whether it exists, as on AWS; KMS keys are the exception (AWS answers
   * NotFoundException first), described by no target.
   */
  authorize?(ctx: C, operation: string, input: unknown): Promise<AuthorizationTarget[]>;
  /** Creates the resources of this service's seed-file section. */
  seed?: Seeder;
  /** The kinds of work this service schedules on the emulated clock (purging deleted resources, …): the job runner runs them. */
  jobs?: JobKind[];
  /** Drops in-memory state derived from the store (after a reset). */
  reset?(): void;
}

/** What every service is built from. */
export interface ServiceDeps {
  store: Store;
  clock: Clock;
  defaults: { accountId: string; region: string };
  /** Runs an AWS operation in process, through the whole pipeline (dispatch()): seeds and calls to the other service use it. */
  call: InProcessCall;
  /** The audit trail: service events (rotations, deletions, key rotation) and a key's last use. */
  audit: AuditSink;
}
