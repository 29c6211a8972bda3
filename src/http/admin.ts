// Strongroom's own routes under /_strongroom/ (not AWS): health, reset, clock, jobs. Served by
// express, off the AWS hot path, behind the browser guard. Anything else that is not an AWS
// request gets a JSON 404.
import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Clock } from '../clock';
import type { JobRunner } from '../jobs/runner';
import type { Logger } from '../log';
import { mediaType } from './content-type';
import { sendFailure } from './respond';

export interface AdminOptions {
  version: string;
  storage: 'disk' | 'memory';
  services: string[];
  clock: Clock;
  jobs: JobRunner;
  logger: Logger;
  reset(): Promise<void>;
}

export function createAdminApp(options: AdminOptions): express.Express {
  const { clock, jobs } = options;
  const app = express();
  app.disable('x-powered-by');
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
