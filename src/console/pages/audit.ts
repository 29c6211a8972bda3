// The audit trail pages (docs/console.md): the place's newest events, filtered, page by page, and
// one event's CloudTrail record. They read the trail as LookupEvents does (newest first, a token
// per page); the filters LookupEvents has no attribute for (a secret, a principal, the outcome)
// are checked here on the events it returns, within a bounded number of lookups per page.
import type { Request } from 'express';
import { BadTrailToken, usernameOf } from '../../audit/trail';
import type { Trail, TrailEvent, TrailQuery } from '../../audit/types';
import type { ConsoleRoutes, PageContext } from '../context';
import { html, type Html } from '../html';
import { layout, when } from '../layout';
import { field } from './forms';
import { table } from './sections';

type AuditTrail = Pick<Trail, 'export' | 'lookup'>;

/** Events a page shows at most (LookupEvents' own largest page). */
const PAGE = 50;
/** Lookups a page makes at most: a rare match may need an "Older events" click or more, but a page never scans the whole trail. */
const MAX_LOOKUPS = 20;

const FILTERS = ['eventName', 'resource', 'secret', 'principal', 'outcome'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

type Check = (event: TrailEvent) => boolean;

const wouldDeny = (event: TrailEvent) => event.additionalEventData?.strongroomWouldDeny !== undefined;

const OUTCOMES: Record<string, Check> = {
  success: (e) => e.errorCode === undefined,
  failure: (e) => e.errorCode !== undefined,
  'would-deny': wouldDeny,
};

/**
 * A secret's events: Secrets Manager's records list no resources, so the secret is the one the
 * call named (secretId, by ARN, partial ARN or name), the one a service event is about
 * (additionalEventData.SecretId), or the one CreateSecret answered (responseElements.arn).
 */
function secretCheck(arn: string): Check {
  const partial = /^(arn:[^:]+:secretsmanager:[^:]*:\d{12}:secret:(.+))-[A-Za-z0-9]{6}$/.exec(arn);
  const ids = new Set([arn, ...(partial ? [partial[1], partial[2]] : [])]);
  return (e) => [e.requestParameters?.secretId, e.additionalEventData?.SecretId, e.responseElements?.arn].some((id) => typeof id === 'string' && ids.has(id));
}

/**
 * A principal by ARN (a role's ARN matches its sessions), by LookupEvents' user name, by access
 * key (which tells an SDK's calls from the console's, both the account's root), or a service by name.
 */
function principalCheck(principal: string): Check {
  return (e) => {
    const who = e.userIdentity;
    return [who.arn, who.sessionContext?.sessionIssuer?.arn, who.accessKeyId, who.invokedBy, usernameOf(e)].includes(principal);
  };
}

function checksOf(filters: Filters): Check[] {
  const checks: Check[] = [];
  if (filters.eventName) checks.push((e) => e.eventName === filters.eventName);
  if (filters.resource) checks.push((e) => e.resources?.some((r) => r.ARN === filters.resource) ?? false);
  if (filters.secret) checks.push(secretCheck(filters.secret));
  if (filters.principal) checks.push(principalCheck(filters.principal));
  if (OUTCOMES[filters.outcome]) checks.push(OUTCOMES[filters.outcome]);
  return checks;
}

/** The newest events that pass the filters, from `token` on; the trail's lookup narrows by the event name or the resource when one is given. */
async function newest(trail: AuditTrail, ctx: PageContext, filters: Filters, token: string | undefined): Promise<{ events: TrailEvent[]; nextToken?: string }> {
  const checks = checksOf(filters);
  const attribute: TrailQuery['attribute'] = filters.eventName ? { key: 'EventName', value: filters.eventName } : filters.resource ? { key: 'ResourceName', value: filters.resource } : undefined;
  const events: TrailEvent[] = [];
  let nextToken = token;
  // Each lookup asks for no more than the page still lacks, so its token marks exactly where the page ends.
  for (let i = 0; i < MAX_LOOKUPS && events.length < PAGE; i++) {
    const page = await trail.lookup({ ...ctx.place, attribute, maxResults: PAGE - events.length, nextToken });
    events.push(...page.events.filter((e) => checks.every((check) => check(e))));
    nextToken = page.nextToken;
    if (nextToken === undefined) break;
  }
  return { events, nextToken };
}

function principalOf(e: TrailEvent): string {
  const { arn, invokedBy } = e.userIdentity;
  if (arn && invokedBy) return `${arn} via ${invokedBy}`;
  return arn ?? invokedBy ?? e.userIdentity.type ?? '—';
}

function eventRow(ctx: PageContext, e: TrailEvent): Html {
  const outcome = html`${e.errorCode ? html`<span class="error">${e.errorCode}</span>` : '✓'}${wouldDeny(e) ? html` <span class="error" data-test="would-deny">would deny</span>` : ''}`;
  return html`<tr data-test="event-row" data-event-name="${e.eventName}"><td><time datetime="${e.eventTime}">${when(e.eventTime)}</time></td><td><a href="${ctx.link('audit/event', { id: e.eventID })}">${e.eventName}</a></td><td>${e.eventSource}</td><td>${principalOf(e)}${e.userIdentity.accessKeyId ? html` <span class="muted">${e.userIdentity.accessKeyId}</span>` : ''}</td><td>${outcome}</td></tr>`;
}

function filterForm(ctx: PageContext, filters: Filters): Html {
  const text = (name: keyof Filters, label: string) => html`<label>${label} <input name="${name}" value="${filters[name]}"></label>`;
  const outcomes = ['', ...Object.keys(OUTCOMES)];
  // A GET form drops its action's query: the place goes in hidden fields (never the form token).
  return html`<form method="get" action="${ctx.link('audit')}" class="filters" aria-label="Filters"><input type="hidden" name="account" value="${ctx.place.accountId}"><input type="hidden" name="region" value="${ctx.place.region}">
${text('eventName', 'Event name')}${text('resource', 'Resource ARN')}${text('secret', 'Secret ARN')}${text('principal', 'Principal (ARN, user name or access key)')}
<label>Outcome <select name="outcome">${outcomes.map((o) => html`<option value="${o}"${o === filters.outcome ? html` selected` : ''}>${o || 'any'}</option>`)}</select></label>
<button type="submit" data-test="filter">Filter</button> <a href="${ctx.link('audit')}">Clear</a></form>`;
}

/** The filters that are set, for a link (an empty one would only lengthen it). */
const given = (filters: Filters) => Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ''));

async function auditPage(trail: AuditTrail, ctx: PageContext, req: Request): Promise<Html> {
  const filters = Object.fromEntries(FILTERS.map((name) => [name, field(req, name).trim()])) as Filters;
  const token = field(req, 'next') || undefined;
  let notice: Html | undefined;
  let found;
  try {
    found = await newest(trail, ctx, filters, token);
  } catch (err) {
    if (!(err instanceof BadTrailToken)) throw err;
    notice = html`<p class="notice" role="status">That page link does not belong to these filters; here are the newest events.</p>`;
    found = await newest(trail, ctx, filters, undefined);
  }
  const { events, nextToken } = found;
  const partial = nextToken !== undefined && events.length < PAGE && html`<p class="muted">Part of the trail was searched; older events may match.</p>`;
  const body = html`${filterForm(ctx, filters)}
${table(['Time', 'Event', 'Source', 'Principal', 'Outcome'], events.map((e) => eventRow(ctx, e)), token ? 'No more events.' : 'No events.')}
${partial}${nextToken !== undefined ? html`<p><a href="${ctx.link('audit', { ...given(filters), next: nextToken })}" data-test="older-events">Older events</a></p>` : ''}`;
  return layout(ctx, 'audit', 'Audit trail', body, notice);
}

/** The event with this id in the place, looked up by CloudTrail's EventId attribute. */
async function findEvent(trail: AuditTrail, ctx: PageContext, id: string): Promise<TrailEvent | undefined> {
  let nextToken: string | undefined;
  for (let i = 0; i < MAX_LOOKUPS; i++) {
    const page = await trail.lookup({ ...ctx.place, attribute: { key: 'EventId', value: id }, maxResults: 1, nextToken });
    if (page.events.length > 0) return page.events[0];
    nextToken = page.nextToken;
    if (nextToken === undefined) break;
  }
  return undefined;
}

async function eventPage(trail: AuditTrail, ctx: PageContext, req: Request): Promise<Html> {
  const id = field(req, 'id');
  const event = id === '' ? undefined : await findEvent(trail, ctx, id);
  const back = html`<p><a href="${ctx.link('audit')}">All events</a></p>`;
  if (!event) return layout(ctx, 'audit', 'Event not found', html`<p class="error" role="alert">No event with ID '${id}' in ${ctx.place.accountId} ${ctx.place.region} (the trail keeps 90 days).</p>${back}`);
  return layout(ctx, 'audit', `${event.eventName} at ${when(event.eventTime)}`, html`${back}<pre data-test="event-json">${JSON.stringify(event, null, 2)}</pre>`);
}

export function auditPages(routes: ConsoleRoutes, trail: AuditTrail): void {
  routes.get('/audit', (ctx, req) => auditPage(trail, ctx, req));
  routes.get('/audit/event', (ctx, req) => eventPage(trail, ctx, req));
}
