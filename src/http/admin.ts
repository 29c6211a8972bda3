// Strongroom's own routes under /_strongroom/ (not AWS): health, reset, clock, jobs, the audit
// trail's export, the state export. Served by
// express, off the AWS hot path, behind the browser guard. Anything else that is not an AWS
// request gets a JSON 404.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { ExportFilter, Trail } from '../audit/types';
import type { Clock } from '../clock';
import type { ExportedState, ExportOptions } from '../export';
import type { JobRunner } from '../jobs/runner';
import type { Logger } from '../log';
import { isRegionName } from '../regions';
import { mediaType } from './content-type';
import { sendFailure } from './respond';
import { sendUnknownResource, unknownServiceOf } from './unknown-service';

export interface AdminOptions {
  version: string;
  storage: 'disk' | 'memory';
  services: string[];
  clock: Clock;
  jobs: JobRunner;
  logger: Logger;
  trail: Pick<Trail, 'export'>;
  /** The state as a seed file (src/export); without it, no export route. */
  exportState?(options: ExportOptions): Promise<ExportedState>;
  /** The web console's routes and where they are mounted, when it is on. */
  console?: { path: string; router: express.Router };
  /** LocalStack's /_localstack/* routes, in LocalStack compatibility mode. */
  localstack?: express.Router;
  reset(): Promise<void>;
}

/** A 400 answer of the admin routes: `{"error": message}`. */
class BadFilter extends Error {
  readonly status = 400;
}

/** One query parameter's value, given once and not empty. */
function queryText(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new BadFilter(`${name} must be given once, with a value.`);
  return value;
}

function queryFlag(query: Record<string, unknown>, name: string): boolean | undefined {
  const value = queryText(query, name);
  if (value === undefined || value === 'true' || value === 'false') return value === 'true' || undefined;
  throw new BadFilter(`${name} must be true or false, got '${value}'.`);
}

/** The `account` and `region` parameters; the query may hold only the `known` ones. */
function placeQuery(query: Record<string, unknown>, known: string[]): { accountId?: string; region?: string } {
  const unknown = Object.keys(query).filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new BadFilter(`Unknown filter ${unknown.join(', ')}; the filters are ${known.join(', ')}.`);
  const accountId = queryText(query, 'account');
  if (accountId !== undefined && !/^\d{12}$/.test(accountId)) throw new BadFilter(`account must be 12 digits, got '${accountId}'.`);
  const region = queryText(query, 'region');
  if (region !== undefined && !isRegionName(region)) throw new BadFilter(`region must be an AWS region name such as us-east-1, got '${region}'.`);
  return { accountId, region };
}

/** The audit export's filters from the query string; a value it cannot use is a 400, never ignored. */
function exportFilter(query: Record<string, unknown>): ExportFilter {
  const date = (name: string): Date | undefined => {
    const value = queryText(query, name);
    if (value === undefined) return undefined;
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) throw new BadFilter(`${name} must be an ISO 8601 date, got '${value}'.`);
    return new Date(ms);
  };
  return {
    ...placeQuery(query, ['account', 'region', 'eventSource', 'eventName', 'errors', 'wouldDeny', 'since', 'until']),
    eventSource: queryText(query, 'eventSource'),
    eventName: queryText(query, 'eventName'),
    errors: queryFlag(query, 'errors'),
    wouldDeny: queryFlag(query, 'wouldDeny'),
    since: date('since'),
    until: date('until'),
  };
}

/** The state export's options from the query string. */
function stateExportOptions(query: Record<string, unknown>): ExportOptions {
  const format = queryText(query, 'format');
  if (format !== undefined && format !== 'yaml' && format !== 'json') throw new BadFilter(`format must be yaml or json, got '${format}'.`);
  return { ...placeQuery(query, ['account', 'region', 'format', 'includeKeyMaterial']), format, includeKeyMaterial: queryFlag(query, 'includeKeyMaterial') };
}

/**
 * The header `GET /_strongroom/export` requires. A page cannot send a custom header to another
 * origin without a CORS preflight, and the browser guard's preflight answer never allows this
 * one: so no page of another origin (even one --cors-origins allows) can read every secret.
 */
const EXPORT_HEADER = 'X-Strongroom-Export';

export function createAdminApp(options: AdminOptions): express.Express {
  const { clock, jobs } = options;
  const app = express();
  app.disable('x-powered-by');
  // A REST request (S3's, Lambda's …) signed for a service Strongroom does not emulate, before
  // its body is read: answered as that service answers an error, naming it.
  app.use((req, res, next) => {
    const unknown = unknownServiceOf(req, options.services);
    if (!unknown) return next();
    const requestId = randomUUID();
    const status = sendUnknownResource(req, res, requestId, unknown);
    options.logger.info(`${unknown.name} ${req.method} ${req.path} ${status} id=${requestId}`);
  });
  app.use(express.json({ limit: '64kb' }));

  // A page in any site can send a "simple" request (a form post, a no-cors fetch: text/plain,
  // form or multipart bodies) with no preflight. Every route that changes state takes JSON
  // only, which a browser sends cross-origin only after a preflight the browser guard answers.
  const jsonOnly = (req: Request, res: Response, next: NextFunction) => {
    if (mediaType(req.headers['content-type']) === 'application/json') return next();
    res.status(415).json({ error: `${req.method} ${req.path} takes Content-Type: application/json.` });
  };

  app.get('/_strongroom/health', (_req, res) => {
    res.json({ status: 'ok', version: options.version, services: options.services, storage: options.storage });
  });

  app.post('/_strongroom/reset', jsonOnly, async (_req, res) => {
    await options.reset();
    res.json({ reset: true });
  });

  const clockState = () => ({ now: clock.now().toISOString(), offsetSeconds: clock.offset / 1000 });
  app.get('/_strongroom/clock', (_req, res) => {
    res.json(clockState());
  });

  // Body: {"offsetSeconds": n} sets the offset from real time, {"advanceSeconds": n} adds to it,
  // {"now": "<ISO date>"} sets the emulated time itself.
  app.post('/_strongroom/clock', jsonOnly, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    let offsetMs: number | undefined;
    if (typeof body.offsetSeconds === 'number') offsetMs = body.offsetSeconds * 1000;
    else if (typeof body.advanceSeconds === 'number') offsetMs = clock.offset + body.advanceSeconds * 1000;
    else if (typeof body.now === 'string' && !Number.isNaN(Date.parse(body.now))) offsetMs = Date.parse(body.now) - Date.now();
    // The emulated time must stay a date (JavaScript dates end 8.64e15 ms from 1970).
    if (offsetMs === undefined || Number.isNaN(new Date(Date.now() + offsetMs).getTime())) {
      res.status(400).json({ error: 'Send {"offsetSeconds": n}, {"advanceSeconds": n} or {"now": "<ISO 8601 date>"}.' });
      return;
    }
    clock.setOffset(offsetMs);
    // Answers once the work the move made due is done (and the jobs that fell due as it ran), so
    // a test can jump 30 days and read the result.
    await jobs.runDue();
    res.json(clockState());
  });

  // Answers once no job is running or due: {"running":0,"due":0,"failed":n}, where `failed`
  // counts the jobs given up on after their retries (kept with their last error, and logged).
  app.post('/_strongroom/jobs/wait', jsonOnly, async (_req, res) => {
    await jobs.runDue();
    res.json(await jobs.state());
  });

  // The audit trail as JSON Lines (one CloudTrail event a line), streamed; each place (account
  // and region) in turn, oldest first. Read-only, like health: the browser guard keeps pages of
  // other origins from reading it.
  app.get('/_strongroom/audit', async (req, res) => {
    const filter = exportFilter(req.query as Record<string, unknown>);
    res.status(200).type('application/x-ndjson');
    let gone = false;
    res.once('close', () => (gone = true));
    for await (const event of options.trail.export(filter)) {
      if (gone) return;
      if (!res.write(`${JSON.stringify(event)}\n`)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    }
    res.end();
  });

  // The state as a seed file (docs/seeds.md#exporting-state), every secret value in the clear:
  // never cached, and only for clients that send EXPORT_HEADER (see there).
  const { exportState } = options;
  if (exportState) {
    app.get('/_strongroom/export', async (req, res) => {
      if (req.get(EXPORT_HEADER) !== '1') {
        res.status(403).json({ error: `GET /_strongroom/export returns every secret value: send the header ${EXPORT_HEADER}: 1 to confirm.` });
        return;
      }
      const exported = await exportState(stateExportOptions(req.query as Record<string, unknown>));
      res.set('Cache-Control', 'no-store');
      if (exported.warning) res.set('X-Strongroom-Warning', exported.warning);
      res.type(exported.format === 'json' ? 'application/json' : 'application/yaml').send(exported.text);
    });
  }

  if (options.console) app.use(options.console.path, options.console.router);
  if (options.localstack) app.use(options.localstack);

  app.use((req, res) => {
    res.status(404).json({ error: `No route for ${req.method} ${req.path}. AWS requests are POSTs with an X-Amz-Target header.` });
  });

  // express 5 passes thrown errors and rejected promises here: client errors (a bad JSON body …)
  // answer 4xx JSON; anything else is logged with its stack and answered as a 500.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (err as { status?: number }).status;
    if (status && status >= 400 && status < 500) {
      res.status(status).json({ error: (err as Error).message });
      return;
    }
    sendFailure(res, randomUUID(), err, undefined, options.logger);
  });
  return app;
}
