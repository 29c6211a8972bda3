// The web console (docs/console.md): server-rendered pages under /_strongroom/console, behind
// the browser guard, on express like the other admin routes. Every action is an AWS operation
// run through dispatch() as the console's principal (ctx.call), so it is validated, authorized
// and recorded like any client's call; POST forms also carry the session's token.
import express, { type Request, type Response, type Router } from 'express';
import { AwsError } from '../protocol/errors';
import { isRegionName } from '../regions';
import { CONSOLE_CSS, CONSOLE_JS } from './assets';
import type { ConsoleDeps, ConsoleRoutes, Handler, PageContext, Place } from './context';
import { html, Html } from './html';
import { layout } from './layout';
import { auditPages } from './pages/audit';
import { clockPages } from './pages/clock';
import { homePages } from './pages/home';
import { keyPages } from './pages/keys';
import { secretPages } from './pages/secrets';
import { consoleSessions } from './session';



/** The place a request names (`account`, `region` in its query or form), or the defaults; a malformed one is refused. */
function placeOf(req: Request, defaults: Place): Place | string {
  const source = { ...(req.query as Record<string, unknown>), ...((req.body as Record<string, unknown> | undefined) ?? {}) };
  const accountId = typeof source.account === 'string' && source.account !== '' ? source.account : defaults.accountId;
  const region = typeof source.region === 'string' && source.region !== '' ? source.region : defaults.region;
  if (!/^\d{12}$/.test(accountId)) return `The account must be 12 digits, not '${accountId}'.`;
  if (!isRegionName(region)) return `The region must be an AWS region name such as us-east-1, not '${region}'.`;
  return { accountId, region };
}

export function createConsole(deps: ConsoleDeps): Router {
  const router = express.Router();
  const sessions = consoleSessions(deps.basePath);
  router.use(express.urlencoded({ extended: false, limit: '512kb', parameterLimit: 200 }));

  router.get('/assets/console.css', (_req, res) => {
    res.type('text/css').set('Cache-Control', 'no-cache').send(CONSOLE_CSS);
  });
  router.get('/assets/console.js', (_req, res) => {
    res.type('text/javascript').set('Cache-Control', 'no-cache').send(CONSOLE_JS);
  });

  function contextOf(req: Request, res: Response, place: Place): PageContext {
    const csrf = sessions.token(sessions.session(req, res));
    return {
      deps,
      place,
      csrf,
      link(path, params = {}) {
        const query = new URLSearchParams({ account: place.accountId, region: place.region });
        for (const [name, value] of Object.entries(params)) if (value !== undefined) query.set(name, String(value));
        return `${deps.basePath}${path === '' ? '/' : `/${path.replace(/^\//, '')}`}?${query}`;
      },
      call: (service, operation, input) => deps.call(service, operation, input, { principal: deps.principal(place), region: place.region }),
    };
  }

  function send(res: Response, status: number, page: Html): void {
    // The console's pages load nothing from elsewhere and are never framed by another site.
    res
      .status(status)
      .type('text/html')
      .set('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'")
      .set('X-Frame-Options', 'DENY')
      .set('Referrer-Policy', 'same-origin')
      .set('Cache-Control', 'no-store')
      .send(page.text);
  }

  function errorPage(ctx: PageContext, err: AwsError): Html {
    const body = html`<div class="error" role="alert" data-test="aws-error"><strong>${err.name}</strong>${err.message ? html`: <span>${err.message}</span>` : ''}</div><p><a href="${ctx.link('')}">Back to the overview</a></p>`;
    return layout(ctx, 'home', 'The operation failed', body);
  }

  const wrap = (handler: Handler, post: boolean) => async (req: Request, res: Response) => {
    const place = placeOf(req, deps.defaults);
    if (typeof place === 'string') {
      res.status(400).type('text/plain').send(place);
      return;
    }
    const ctx = contextOf(req, res, place);
    if (post && !sessions.valid(req)) {
      res.status(403).type('text/plain').send('The form is not from this console (its session token is missing or wrong). Reload the page and try again.');
      return;
    }
    try {
      const result = await handler(ctx, req);
      if (result instanceof Html) send(res, 200, result);
      else res.redirect(303, result.redirect);
    } catch (err) {
      if (!(err instanceof AwsError)) throw err;
      send(res, 400, errorPage(ctx, err));
    }
  };

  const routes: ConsoleRoutes = {
    get: (path, handler) => router.get(path, wrap(handler, false)),
    post: (path, handler) => router.post(path, wrap(handler, true)),
  };
  homePages(routes);
  secretPages(routes);
  keyPages(routes);
  if (deps.trail) auditPages(routes, deps.trail);
  clockPages(routes);
  return router;
}
