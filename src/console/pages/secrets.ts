// Secrets: the list (ListSecrets with its filters and sort), a new secret, and the forms of a
// secret's page, each one AWS operation (the page itself is secrets-view.ts).
import type { Request } from 'express';
import type { CreateSecretResponse, DescribeSecretResponse, Filter, ListSecretsResponse, Tag } from '../../protocol/generated/secretsmanager';
import type { ConsoleRoutes, PageContext } from '../context';
import { html } from '../html';
import { formFields, layout, when } from '../layout';
import { doneNotice, field, numeric } from './forms';
import { scheduleOf, secretView } from './secrets-view';

const FILTER_KEYS = ['name', 'description', 'tag-key', 'tag-value', 'primary-region', 'owning-service', 'all'];
/** The list's `sort` choices and the ListSecrets SortBy each stands for; another value goes to SortBy as given. */
const SORTS: Record<string, string> = { name: 'name', created: 'created-date', changed: 'last-changed-date', accessed: 'last-accessed-date' };

function listInput(req: Request): Record<string, unknown> {
  const filters: Filter[] = [];
  // ListSecrets' name filter matches names that begin with the text.
  const q = field(req, 'q');
  if (q !== '') filters.push({ Key: 'name', Values: [q] });
  const key = field(req, 'filter-key');
  // The key goes to ListSecrets as given: one it does not know is its ValidationException.
  if (key !== '') filters.push({ Key: key as Filter['Key'], Values: [field(req, 'filter-value')] });
  const sort = field(req, 'sort') || 'name';
  return {
    Filters: filters.length ? filters : undefined,
    SortBy: SORTS[sort] ?? sort,
    SortOrder: field(req, 'order') || 'asc',
    IncludePlannedDeletion: field(req, 'deleted') === 'true' || undefined,
    NextToken: field(req, 'page') || undefined,
  };
}

function options(values: string[], selected: string, labels: Record<string, string> = {}) {
  return values.map((v) => html`<option value="${v}"${v === selected ? html` selected` : ''}>${labels[v] ?? v}</option>`);
}

async function list(ctx: PageContext, req: Request) {
  const answer = await ctx.call<ListSecretsResponse>('secretsmanager', 'ListSecrets', listInput(req));
  const secrets = answer.SecretList ?? [];
  const sort = field(req, 'sort') || 'name';
  const search = html`<form method="get" action="${ctx.link('secrets')}" class="filters" role="search">
<input type="hidden" name="account" value="${ctx.place.accountId}"><input type="hidden" name="region" value="${ctx.place.region}">
<label>Name starts with <input type="search" name="q" value="${field(req, 'q')}"></label>
<label>Filter <select name="filter-key"><option value="">(none)</option>${options(FILTER_KEYS, field(req, 'filter-key'))}</select></label>
<label>Filter value <input name="filter-value" value="${field(req, 'filter-value')}"></label>
<label>Sort by <select name="sort">${options(Object.keys(SORTS), sort, { created: 'created', changed: 'last changed', accessed: 'last accessed' })}</select></label>
<label>Order <select name="order">${options(['asc', 'desc'], field(req, 'order') || 'asc', { asc: 'ascending', desc: 'descending' })}</select></label>
<label class="check"><input type="checkbox" name="deleted" value="true"${field(req, 'deleted') === 'true' ? html` checked` : ''}> Include secrets scheduled for deletion</label>
<button type="submit">Search</button>
</form>`;
  const rows = secrets.map(
    (s) => html`<tr data-test="secret-row" data-name="${s.Name}">
<th scope="row"><a href="${ctx.link('secrets/view', { id: s.ARN })}">${s.Name}</a></th>
<td>${s.Description ?? ''}</td><td>${when(s.CreatedDate)}</td><td>${when(s.LastChangedDate)}</td>
<td>${s.RotationEnabled ? scheduleOf(s.RotationRules) : 'off'}</td>
<td>${s.DeletedDate ? html`<span class="danger-text">deleted ${when(s.DeletedDate)}</span>` : ''}</td></tr>`,
  );
  const table = secrets.length
    ? html`<div class="table-wrap"><table><caption>Secrets in ${ctx.place.accountId} / ${ctx.place.region}</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Description</th><th scope="col">Created</th><th scope="col">Last changed</th><th scope="col">Rotation</th><th scope="col">Deletion</th></tr></thead>
<tbody>${rows}</tbody></table></div>`
    : html`<p class="muted">No secret here matches.</p>`;
  const next = answer.NextToken
    ? html`<p><a href="${ctx.link('secrets', { ...Object.fromEntries(['q', 'filter-key', 'filter-value', 'sort', 'order', 'deleted'].map((n) => [n, field(req, n) || undefined])), page: answer.NextToken })}">Next page</a></p>`
    : '';
  const notice = doneNotice(req, { purged: 'The secret was deleted at once, without a recovery window.' });
  return layout(ctx, 'secrets', 'Secrets', html`<p><a href="${ctx.link('secrets/new')}" class="button">New secret</a></p>${search}${table}${next}`, notice);
}

function newForm(ctx: PageContext) {
  const body = html`<form method="post" action="${ctx.link('secrets/new')}" class="card stack">${formFields(ctx)}
<label>Name <input name="name" required maxlength="512" autocomplete="off"></label>
<label>Description <input name="description" maxlength="2048"></label>
<label>KMS key <input name="kmsKeyId" placeholder="aws/secretsmanager" autocomplete="off"> <span class="muted">key id, ARN or alias; empty for aws/secretsmanager</span></label>
<label>Value (SecretString) <textarea name="value" rows="6" spellcheck="false" autocomplete="off"></textarea></label>
<label>Tags <textarea name="tags" rows="3" spellcheck="false" placeholder="team=payments"></textarea> <span class="muted">one key=value a line</span></label>
<button type="submit" data-test="create-secret">Create secret</button>
</form>`;
  return Promise.resolve(layout(ctx, 'secrets', 'New secret', body));
}

/** `key=value` lines as CreateSecret's Tags (a line without `=` is a key with an empty value). */
function tagsOf(text: string): Tag[] | undefined {
  const tags = text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const at = line.indexOf('=');
      return at < 0 ? { Key: line.trim(), Value: '' } : { Key: line.slice(0, at).trim(), Value: line.slice(at + 1).trim() };
    });
  return tags.length ? tags : undefined;
}

async function create(ctx: PageContext, req: Request) {
  const created = await ctx.call<CreateSecretResponse>('secretsmanager', 'CreateSecret', {
    Name: field(req, 'name'),
    Description: field(req, 'description') || undefined,
    KmsKeyId: field(req, 'kmsKeyId') || undefined,
    SecretString: field(req, 'value') || undefined,
    Tags: tagsOf(field(req, 'tags')),
  });
  return { redirect: ctx.link('secrets/view', { id: created.ARN, done: 'created' }) };
}

/** A form of the secret's page: runs `run` on the secret named by `id`, then back to its page with a notice. */
function action(done: string, run: (ctx: PageContext, id: string, req: Request) => Promise<unknown>) {
  return async (ctx: PageContext, req: Request) => {
    const id = field(req, 'id');
    await run(ctx, id, req);
    return { redirect: ctx.link('secrets/view', { id, done }) };
  };
}

/** Moves a staging label to a version from the version that holds it now (AWS wants that one named). */
async function moveStage(ctx: PageContext, id: string, req: Request) {
  const stage = field(req, 'stage');
  const described = await ctx.call<DescribeSecretResponse>('secretsmanager', 'DescribeSecret', { SecretId: id });
  const holder = Object.entries(described.VersionIdsToStages ?? {}).find(([, stages]) => stages.includes(stage))?.[0];
  await ctx.call('secretsmanager', 'UpdateSecretVersionStage', { SecretId: id, VersionStage: stage, MoveToVersionId: field(req, 'versionId'), RemoveFromVersionId: holder });
}

async function rotate(ctx: PageContext, id: string, req: Request) {
  const days = field(req, 'days');
  // Without a function or rules, RotateSecret rotates with the stored configuration.
  await ctx.call('secretsmanager', 'RotateSecret', {
    SecretId: id,
    RotationLambdaARN: field(req, 'lambdaArn') || undefined,
    RotationRules: days === '' ? undefined : { AutomaticallyAfterDays: numeric(days) },
  });
}

async function remove(ctx: PageContext, req: Request) {
  const id = field(req, 'id');
  const force = field(req, 'force') === 'true';
  const days = field(req, 'recoveryDays');
  // With force, the window field (always in the form) is left out: AWS refuses both together.
  await ctx.call('secretsmanager', 'DeleteSecret', force ? { SecretId: id, ForceDeleteWithoutRecovery: true } : { SecretId: id, RecoveryWindowInDays: days === '' ? undefined : numeric(days) });
  // A secret deleted at once has no page left to go back to.
  return { redirect: force ? ctx.link('secrets', { done: 'purged' }) : ctx.link('secrets/view', { id, done: 'deleted' }) };
}

export function secretPages(routes: ConsoleRoutes): void {
  routes.get('/secrets', list);
  routes.get('/secrets/new', newForm);
  routes.post('/secrets/new', create);
  routes.get('/secrets/view', (ctx, req) => secretView(ctx, req, field(req, 'id')));
  // The value is read only on this POST (a click), never on a GET, so it is never in a URL or a history entry.
  routes.post('/secrets/reveal', (ctx, req) => secretView(ctx, req, field(req, 'id'), field(req, 'versionId')));
  routes.post(
    '/secrets/put',
    action('put', (ctx, id, req) => ctx.call('secretsmanager', 'PutSecretValue', { SecretId: id, SecretString: field(req, 'value') })),
  );
  routes.post('/secrets/stage', action('staged', moveStage));
  routes.post('/secrets/rotate', action('rotating', rotate));
  routes.post('/secrets/delete', remove);
  routes.post(
    '/secrets/restore',
    action('restored', (ctx, id) => ctx.call('secretsmanager', 'RestoreSecret', { SecretId: id })),
  );
}
