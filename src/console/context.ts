// What a console page gets: the account and region it shows, the form token, links that keep
// the place, and AWS operations run through dispatch() as the console's principal — validated,
// authorized and recorded in the audit trail like any other call.
import type { Trail } from '../audit/types';
import type { Clock } from '../clock';
import type { JobRunner } from '../jobs/runner';
import type { InProcessCall, Principal } from '../pipeline/context';
import type { Request } from 'express';
import type { Html } from './html';

export interface Place {
  accountId: string;
  region: string;
}

/** An account and region that holds something, with counts. */
interface PlaceSummary extends Place {
  secrets: number;
  keys: number;
}

export interface ConsoleDeps {
  /** Where the console is mounted: `/_strongroom/console` unless `--console-path` says otherwise. */
  basePath: string;
  version: string;
  call: InProcessCall;
  clock: Clock;
  jobs: Pick<JobRunner, 'runDue'>;
  /** The audit trail; absent with `--audit-trail false` (the audit pages are hidden then). */
  trail?: Pick<Trail, 'export' | 'lookup'>;
  /** Every account and region that holds secrets or keys. */
  places(): Promise<PlaceSummary[]>;
  /** Who the console acts as in a place: the principal the user named, or the account's root. */
  principal(place: Place): Principal;
  defaults: Place;
}

export interface PageContext {
  deps: ConsoleDeps;
  place: Place;
  /** The form token of this browser's session: every POST form carries it as `csrf`. */
  csrf: string;
  /** A console URL: `path` below the console's root, with the place and `params` in its query. */
  link(path: string, params?: Record<string, string | number | undefined>): string;
  /** An AWS operation as the console's principal in this place; rejects with the AwsError a client would get. */
  call<T>(service: 'secretsmanager' | 'kms', operation: string, input: Record<string, unknown>): Promise<T>;
}

/** What a page handler answers: a page, or a redirect after a form (POST → redirect → GET). */
type PageResult = Html | { redirect: string };

export type Handler = (ctx: PageContext, req: Request) => Promise<PageResult>;

/** How page modules add their routes (paths below the console root, e.g. `/secrets/:id`). */
export interface ConsoleRoutes {
  get(path: string, handler: Handler): void;
  post(path: string, handler: Handler): void;
}
