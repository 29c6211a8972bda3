// A key's page: its metadata as DescribeKey gives it, aliases, key policy, rotation, grants and
// tags, the state changes its state allows, and the try-it panel. Each section is its own AWS
// call; one that fails (a key that cannot rotate, a call the principal may not make) shows its
// error in place and the rest of the page still renders.
import type {
  DescribeKeyResponse,
  GetKeyPolicyResponse,
  GetKeyRotationStatusResponse,
  GrantListEntry,
  KeyMetadata,
  KeyState,
  ListAliasesResponse,
  ListGrantsResponse,
  ListKeyRotationsResponse,
  ListResourceTagsResponse,
  MultiRegionConfiguration,
  RotationsListEntry,
  Tag,
} from '../../protocol/generated/kms';
import type { PageContext } from '../context';
import { html, type Html } from '../html';
import { actionButton, formFields, layout, when } from '../layout';
import { pretty } from './forms';
import { attempt, shown, table, type Attempt } from './sections';
import { tryPanel, type Tried } from './keys-try';

interface Paged {
  NextMarker?: string;
  Truncated?: boolean;
}

/** Every entry of a KMS list operation, page after page. */
export async function listAll<O, T>(ctx: PageContext, operation: string, input: Record<string, unknown>, items: (out: O) => T[] | undefined): Promise<T[]> {
  const all: T[] = [];
  let Marker: string | undefined;
  do {
    const out = await ctx.call<O & Paged>('kms', operation, { ...input, Marker });
    all.push(...(items(out) ?? []));
    Marker = out.Truncated ? out.NextMarker : undefined;
  } while (Marker !== undefined);
  return all;
}

export const describeKey = async (ctx: PageContext, KeyId: string): Promise<KeyMetadata> => (await ctx.call<DescribeKeyResponse>('kms', 'DescribeKey', { KeyId })).KeyMetadata!;

/** States from which a key can be scheduled for deletion (every state but those already deleting or in flux). */
const SCHEDULABLE = new Set<KeyState | undefined>(['Enabled', 'Disabled', 'PendingImport', 'Unavailable']);
const DELETING = new Set<KeyState | undefined>(['PendingDeletion', 'PendingReplicaDeletion']);

function shownValue(value: unknown): string {
  if (value instanceof Date) return when(value);
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

function metadata(meta: KeyMetadata): Html {
  const set = Object.entries(meta).filter(([name, value]) => name !== 'MultiRegionConfiguration' && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0));
  return html`<dl class="facts">${set.map(([name, value]) => html`<dt>${name}</dt><dd${name === 'KeyState' ? html` data-test="key-state"` : ''}>${shownValue(value)}</dd>`)}</dl>`;
}

function multiRegion(config: MultiRegionConfiguration): Html {
  const keys = [...(config.PrimaryKey ? [{ role: 'Primary', key: config.PrimaryKey }] : []), ...(config.ReplicaKeys ?? []).map((key) => ({ role: 'Replica', key }))];
  return html`<section aria-labelledby="multi-region"><h2 id="multi-region">Multi-Region</h2><p>This key is a ${config.MultiRegionKeyType === 'PRIMARY' ? 'primary' : 'replica'} key.</p>
${table(['Role', 'Region', 'ARN'], keys.map(({ role, key }) => html`<tr><td>${role}</td><td>${key.Region}</td><td>${key.Arn}</td></tr>`), 'No related keys.')}</section>`;
}

function rotation(meta: KeyMetadata, status: Attempt<GetKeyRotationStatusResponse> | undefined, history: Attempt<RotationsListEntry[]> | undefined): Html {
  // Only symmetric encryption keys rotate; for the others AWS answers UnsupportedOperationException with no message.
  if (!status || !history) return html`<p class="muted">Keys of spec ${meta.KeySpec} do not rotate.</p>`;
  const statusText = shown(
    status,
    (s) =>
      html`<dl class="facts"><dt>Automatic rotation</dt><dd data-test="rotation-enabled">${s.KeyRotationEnabled ? 'enabled' : 'disabled'}</dd>${s.RotationPeriodInDays !== undefined ? html`<dt>Period</dt><dd>${s.RotationPeriodInDays} days</dd>` : ''}${s.NextRotationDate ? html`<dt>Next rotation</dt><dd>${when(s.NextRotationDate)}</dd>` : ''}${s.OnDemandRotationStartDate ? html`<dt>On-demand rotation started</dt><dd>${when(s.OnDemandRotationStartDate)}</dd>` : ''}</dl>`,
  );
  const rows = (entries: RotationsListEntry[]) =>
    table(
      ['Rotated', 'Type', 'Key material', 'State'],
      entries.map((r) => html`<tr data-test="rotation-row"><td>${when(r.RotationDate)}</td><td>${r.RotationType}</td><td>${r.KeyMaterialId}</td><td>${r.KeyMaterialState}</td></tr>`),
      'Not rotated yet.',
    );
  return html`${statusText}<h3>History</h3>${shown(history, rows)}`;
}

function grants(list: GrantListEntry[]): Html {
  return table(
    ['Grant', 'Grantee', 'Retiring principal', 'Operations', 'Constraints', 'Created'],
    list.map(
      (g) =>
        html`<tr data-test="grant-row"><td>${g.Name || g.GrantId}</td><td>${g.GranteePrincipal ?? g.GranteeServicePrincipal}</td><td>${g.RetiringPrincipal ?? g.RetiringServicePrincipal ?? '—'}</td><td>${(g.Operations ?? []).join(', ')}</td><td>${g.Constraints ? JSON.stringify(g.Constraints) : '—'}</td><td>${when(g.CreationDate)}</td></tr>`,
    ),
    'No grants.',
  );
}

function tags(list: Tag[]): Html {
  return table(
    ['Key', 'Value'],
    list.map((t) => html`<tr data-test="tag-row"><td>${t.TagKey}</td><td>${t.TagValue}</td></tr>`),
    'No tags.',
  );
}

function actions(ctx: PageContext, meta: KeyMetadata): Html {
  if (meta.KeyManager === 'AWS') return html`<p class="muted">An AWS managed key: AWS denies changing its state.</p>`;
  const id = { id: meta.KeyId };
  const state = meta.KeyState;
  const schedule = html`<form method="post" action="${ctx.link('keys/schedule-deletion')}" class="inline" data-confirm="Schedule this key for deletion? Everything encrypted under it becomes unrecoverable once it is deleted.">${formFields(ctx)}<input type="hidden" name="id" value="${meta.KeyId}"><label>Waiting period (days) <input type="number" name="days" min="7" max="30" value="30" required></label><button type="submit" class="danger" data-test="schedule-deletion">Schedule deletion</button></form>`;
  return html`<div class="buttons">${[
    state === 'Disabled' && actionButton(ctx, 'keys/enable', 'Enable', id, { test: 'enable' }),
    state === 'Enabled' && actionButton(ctx, 'keys/disable', 'Disable', id, { test: 'disable' }),
    DELETING.has(state) && actionButton(ctx, 'keys/cancel-deletion', 'Cancel deletion', id, { test: 'cancel-deletion' }),
    SCHEDULABLE.has(state) && schedule,
  ]}</div>`;
}

export interface KeyPageExtras {
  /** A notice above the page (an alias the new key could not get). */
  notice?: Html;
  /** A try-it action to run on the key before the page is drawn. */
  tryIt?: (meta: KeyMetadata) => Promise<Tried | undefined>;
}

export async function keyPage(ctx: PageContext, keyId: string, extras: KeyPageExtras = {}): Promise<Html> {
  const meta = await describeKey(ctx, keyId);
  const tried = await extras.tryIt?.(meta);
  const KeyId = meta.KeyId;
  const rotates = meta.KeySpec === 'SYMMETRIC_DEFAULT';
  const [aliases, policy, status, history, grantList, tagList] = await Promise.all([
    attempt(listAll(ctx, 'ListAliases', { KeyId }, (o: ListAliasesResponse) => o.Aliases)),
    attempt(ctx.call<GetKeyPolicyResponse>('kms', 'GetKeyPolicy', { KeyId, PolicyName: 'default' })),
    rotates ? attempt(ctx.call<GetKeyRotationStatusResponse>('kms', 'GetKeyRotationStatus', { KeyId })) : undefined,
    rotates ? attempt(listAll(ctx, 'ListKeyRotations', { KeyId }, (o: ListKeyRotationsResponse) => o.Rotations)) : undefined,
    attempt(listAll(ctx, 'ListGrants', { KeyId }, (o: ListGrantsResponse) => o.Grants)),
    attempt(listAll(ctx, 'ListResourceTags', { KeyId }, (o: ListResourceTagsResponse) => o.Tags)),
  ]);
  const deletion = meta.DeletionDate && html`<p class="notice" role="status">Scheduled for deletion on <time>${when(meta.DeletionDate)}</time>.</p>`;
  const body = html`${deletion}
<p><a href="${ctx.link('keys')}">All keys</a>${ctx.deps.trail && meta.Arn ? html` · <a href="${ctx.link('audit', { resource: meta.Arn })}" data-test="key-audit">Events of this key</a>` : ''}</p>
<section aria-labelledby="actions"><h2 id="actions">Actions</h2>${actions(ctx, meta)}</section>
<section aria-labelledby="metadata"><h2 id="metadata">Metadata</h2>${metadata(meta)}</section>
${meta.MultiRegionConfiguration ? multiRegion(meta.MultiRegionConfiguration) : ''}
<section aria-labelledby="aliases"><h2 id="aliases">Aliases</h2>${shown(aliases, (list) => (list.length > 0 ? html`<p class="labels" data-test="key-aliases">${list.map((a) => html`<span>${a.AliasName}</span>`)}</p>` : html`<p class="muted">No aliases.</p>`))}</section>
<section aria-labelledby="policy"><h2 id="policy">Key policy</h2>${shown(policy, (p) => html`<pre data-test="key-policy">${pretty(p.Policy ?? '')}</pre>`)}</section>
<section aria-labelledby="rotation"><h2 id="rotation">Rotation</h2>${rotation(meta, status, history)}</section>
<section aria-labelledby="grants"><h2 id="grants">Grants</h2>${shown(grantList, grants)}</section>
<section aria-labelledby="tags"><h2 id="tags">Tags</h2>${shown(tagList, tags)}</section>
<section aria-labelledby="try" class="card"><h2 id="try">Try it</h2>${tryPanel(ctx, meta, tried)}</section>`;
  return layout(ctx, 'keys', `Key ${KeyId}`, body, extras.notice);
}
