// The overview: every account and region that holds something, with counts ("my secret is not
// there" is usually the wrong region), and how to point an SDK at this server.
import type { Request } from 'express';
import type { ConsoleRoutes, PageContext } from '../context';
import { html } from '../html';
import { layout } from '../layout';

/** The endpoint clients use: this request's own origin (the browser guard has checked its Host). */
function endpointOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;
}

async function overview(ctx: PageContext, req: Request) {
  const places = await ctx.deps.places();
  const { accountId, region } = ctx.place;
  const endpoint = endpointOf(req);
  const table = places.length
    ? html`<div class="table-wrap"><table>
<caption>Accounts and regions that hold secrets or keys</caption>
<thead><tr><th scope="col">Account</th><th scope="col">Region</th><th scope="col">Secrets</th><th scope="col">Keys</th></tr></thead>
<tbody>${places.map(
        (p) => html`<tr data-test="place-row" data-account="${p.accountId}" data-region="${p.region}"${p.accountId === accountId && p.region === region ? html` aria-current="true"` : ''}>
<th scope="row"><a href="${ctx.link('secrets', { account: p.accountId, region: p.region })}">${p.accountId}</a></th><td>${p.region}</td><td>${p.secrets}</td><td>${p.keys}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p class="muted">Nothing is stored yet: no account or region holds a secret or a key.</p>`;
  const sections: [string, string][] = [
    ['secrets', 'Secrets'],
    ['keys', 'Keys'],
    ...(ctx.deps.trail ? ([['audit', 'Audit trail']] as [string, string][]) : []),
    ['clock', 'Clock'],
  ];
  const body = html`<section aria-labelledby="places"><h2 id="places">Places</h2>
<p>Showing account <strong>${accountId}</strong>, region <strong>${region}</strong>. Change them in the header, or pick a place below.</p>
${table}</section>
<section aria-labelledby="go"><h2 id="go">In ${accountId} / ${region}</h2>
<ul class="inline-list">${sections.map(([path, label]) => html`<li><a href="${ctx.link(path)}">${label}</a></li>`)}</ul></section>
<section aria-labelledby="sdk" class="card"><h2 id="sdk">Point your SDK here</h2>
<p>Give clients this endpoint and region; an access key id of 12 digits selects that account (in the default open mode, any secret key will do):</p>
<pre><code>export AWS_ENDPOINT_URL=${endpoint}
export AWS_REGION=${region}
export AWS_ACCESS_KEY_ID=${accountId} AWS_SECRET_ACCESS_KEY=test</code></pre>
<p class="muted">or <code>endpoint: '${endpoint}'</code> in an SDK client's configuration, <code>--endpoint-url ${endpoint}</code> for the AWS CLI.</p></section>`;
  return layout(ctx, 'home', 'Overview', body);
}

export function homePages(routes: ConsoleRoutes): void {
  routes.get('/', overview);
}
