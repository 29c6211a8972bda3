// The keys pages (docs/console.md): the place's keys with their aliases, a form for a new key,
// and the routes of a key's page: its state changes and the try-it panel.
import type { Request } from 'express';
import type { CreateKeyResponse, KeyMetadata, ListAliasesResponse, ListKeysResponse } from '../../protocol/generated/kms';
import { AwsError } from '../../protocol/errors';
import { loadModel } from '../../protocol/model';
import type { ConsoleRoutes, PageContext } from '../context';
import { html, type Html } from '../html';
import { formFields, layout, when } from '../layout';
import { doneNotice, field, numeric } from './forms';
import { attempt, errorText, table, type Attempt } from './sections';
import { runTry } from './keys-try';
import { describeKey, keyPage, listAll } from './keys-view';

/** The notices of the key's page after its forms (`done=<action>`). */
const DONE: Record<string, string> = {
  enable: 'The key is enabled.',
  disable: 'The key is disabled.',
  'schedule-deletion': 'The key is scheduled for deletion.',
  'cancel-deletion': 'The deletion is cancelled; the key is disabled, as AWS leaves it.',
};

/** DescribeKey calls made at once for the list: enough to group their audit events, few enough not to flood the pipeline. */
const DESCRIBE_BATCH = 25;

interface Listed {
  keyId: string;
  aliases: string[];
  described: Attempt<KeyMetadata>;
}

/** Customer managed keys before AWS managed ones (AWS's console lists them apart), newest first. */
function order(a: Listed, b: Listed): number {
  const rank = (k: Listed) => ('error' in k.described ? 2 : k.described.ok.KeyManager === 'AWS' ? 1 : 0);
  const created = (k: Listed) => ('error' in k.described ? 0 : (k.described.ok.CreationDate?.getTime() ?? 0));
  return rank(a) - rank(b) || created(b) - created(a) || a.keyId.localeCompare(b.keyId);
}

async function listKeys(ctx: PageContext): Promise<Listed[]> {
  const [keys, aliases] = await Promise.all([
    listAll(ctx, 'ListKeys', { Limit: 1000 }, (o: ListKeysResponse) => o.Keys),
    listAll(ctx, 'ListAliases', {}, (o: ListAliasesResponse) => o.Aliases),
  ]);
  const aliasesOf = new Map<string, string[]>();
  // AWS managed aliases whose key does not exist yet have no target.
  for (const { TargetKeyId, AliasName } of aliases) if (TargetKeyId && AliasName) aliasesOf.set(TargetKeyId, [...(aliasesOf.get(TargetKeyId) ?? []), AliasName]);
  const listed: Listed[] = [];
  for (let i = 0; i < keys.length; i += DESCRIBE_BATCH) {
    const batch = keys.slice(i, i + DESCRIBE_BATCH).map(({ KeyId }) => KeyId!);
    const described = await Promise.all(batch.map((keyId) => attempt(describeKey(ctx, keyId))));
    batch.forEach((keyId, j) => listed.push({ keyId, aliases: aliasesOf.get(keyId) ?? [], described: described[j] }));
  }
  return listed.sort(order);
}

function keyRow(ctx: PageContext, { keyId, aliases, described }: Listed): Html {
  const link = html`<a href="${ctx.link('keys/view', { id: keyId })}">${keyId}</a>`;
  if ('error' in described) return html`<tr data-test="key-row" data-key-id="${keyId}"><td>${link}</td><td colspan="7" class="error">${errorText(described.error)}</td></tr>`;
  const k = described.ok;
  return html`<tr data-test="key-row" data-key-id="${keyId}"><td>${link}</td><td>${aliases.length > 0 ? html`<span class="labels">${aliases.map((a) => html`<span>${a}</span>`)}</span>` : '—'}</td><td>${k.Description || '—'}</td><td>${k.KeySpec}</td><td>${k.KeyUsage}</td><td>${k.KeyState}</td><td>${k.KeyManager === 'AWS' ? html`<span class="muted" data-test="aws-managed">AWS</span>` : 'customer'}</td><td>${when(k.CreationDate)}</td></tr>`;
}

async function keysPage(ctx: PageContext): Promise<Html> {
  const keys = await listKeys(ctx);
  const body = html`<p><a href="${ctx.link('keys/new')}" data-test="new-key">New key</a></p>
${table(['Key ID', 'Aliases', 'Description', 'Spec', 'Usage', 'State', 'Managed by', 'Created'], keys.map((k) => keyRow(ctx, k)), `No keys in ${ctx.place.accountId} ${ctx.place.region}.`)}`;
  return layout(ctx, 'keys', 'Keys', body);
}

function select(name: string, label: string, values: string[], selected: string): Html {
  return html`<label>${label} <select name="${name}">${values.map((v) => html`<option${v === selected ? html` selected` : ''}>${v}</option>`)}</select></label>`;
}

function newKeyPage(ctx: PageContext): Html {
  // The choices are the model's: every key spec and usage the API takes (AWS checks which go together).
  const { shapes } = loadModel('kms');
  const body = html`<form method="post" action="${ctx.link('keys/new')}" class="card stack">${formFields(ctx)}
<label>Description <input name="description" maxlength="8192"></label>
${select('keySpec', 'Key spec', shapes.KeySpec.enum ?? [], 'SYMMETRIC_DEFAULT')}
${select('keyUsage', 'Key usage', shapes.KeyUsageType.enum ?? [], 'ENCRYPT_DECRYPT')}
<label>Alias (optional, alias/…) <input name="alias" placeholder="alias/my-key"></label>
<button type="submit" data-test="create-key">Create key</button>
</form>`;
  return layout(ctx, 'keys', 'New key', body);
}

export function keyPages(routes: ConsoleRoutes): void {
  routes.get('/keys', keysPage);
  routes.get('/keys/new', async (ctx) => newKeyPage(ctx));
  routes.post('/keys/new', async (ctx, req) => {
    const input = { Description: field(req, 'description') || undefined, KeySpec: field(req, 'keySpec') || undefined, KeyUsage: field(req, 'keyUsage') || undefined };
    const keyId = (await ctx.call<CreateKeyResponse>('kms', 'CreateKey', input)).KeyMetadata!.KeyId;
    const alias = field(req, 'alias');
    if (alias !== '') {
      try {
        await ctx.call('kms', 'CreateAlias', { AliasName: alias, TargetKeyId: keyId });
      } catch (err) {
        // The key exists: show it, with why it has no alias.
        if (!(err instanceof AwsError)) throw err;
        return keyPage(ctx, keyId, { notice: html`<p class="error" role="alert" data-test="aws-error">The key was created, but not its alias: ${errorText(err)}</p>` });
      }
    }
    return { redirect: ctx.link('keys/view', { id: keyId }) };
  });
  routes.get('/keys/view', async (ctx, req) => keyPage(ctx, field(req, 'id'), { notice: doneNotice(req, DONE) }));

  const change = (action: string, operation: string, input: (req: Request) => Record<string, unknown> = () => ({})) =>
    routes.post(`/keys/${action}`, async (ctx, req) => {
      const id = field(req, 'id');
      await ctx.call('kms', operation, { KeyId: id, ...input(req) });
      return { redirect: ctx.link('keys/view', { id, done: action }) };
    });
  change('enable', 'EnableKey');
  change('disable', 'DisableKey');
  change('cancel-deletion', 'CancelKeyDeletion');
  change('schedule-deletion', 'ScheduleKeyDeletion', (req) => {
    const days = field(req, 'days');
    return { PendingWindowInDays: days === '' ? undefined : numeric(days) };
  });

  // The answer is the key's page with the result: a plaintext never goes into a redirect's URL.
  routes.post('/keys/try', async (ctx, req) => keyPage(ctx, field(req, 'id'), { tryIt: (meta) => runTry(ctx, meta, req) }));
}
