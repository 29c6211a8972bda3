// What the front door needs from a service: its model, its operation table, and a way to
// make the per-request context its handlers receive. Services reach each other only through
// the interfaces they pass in here (Secrets Manager asks KMS for data keys; it never reads
// KMS records).
import type { Clock } from '../clock';
import type { ServiceModel } from '../protocol/model';
import type { Seeder } from '../seed';
import type { Store } from '../store/store';

/** Who is calling, where, and when: fixed by the front door for one request. */
export interface RequestScope {
  requestId: string;
  accountId: string;
  region: string;
  accessKeyId: string;
  now: Date;
}

export type Operation<C> = (ctx: C, input: any) => unknown;

export interface AwsService<C = any> {
  /** The section name in seed files and the id in /_strongroom/health. */
  name: string;
  model: ServiceModel;
  operations: Record<string, Operation<C>>;
  /** The handler context for one request; may extend `scope`, which is made fresh per request. */
  context(scope: RequestScope): C;
  /** Creates the resources of this service's seed-file section. */
  seed?: Seeder;
  /** Work that falls due on the emulated clock (purging deleted resources, …). */
  sweep?(now: Date): Promise<void>;
  /** Drops in-memory state derived from the store (after a reset). */
  reset?(): void;
}

/** What every service is built from. */
export interface ServiceDeps {
  store: Store;
  clock: Clock;
  defaults: { accountId: string; region: string };
}
