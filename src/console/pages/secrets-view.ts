// A secret's page: its metadata, rotation, versions as a timeline with their staging labels
// (a version's value only after a Reveal click, which is a POST), the forms that change it, its
// tags, resource policy and replication.
import type { Request } from 'express';
import type {
  DescribeSecretResponse,
  GetResourcePolicyResponse,
  GetSecretValueResponse,
  ListSecretVersionIdsResponse,
  RotationRulesType,
  SecretVersionsListEntry,
} from '../../protocol/generated/secretsmanager';
import { AwsError } from '../../protocol/errors';
import type { PageContext } from '../context';
import { html, type Html } from '../html';
import { actionButton, formFields, layout, when } from '../layout';
import { doneNotice, pretty } from './forms';

const DONE: Record<string, string> = {
  created: 'The secret was created.',
  put: 'A new version was stored; it holds AWSCURRENT now.',
  staged: 'The label was moved.',
  rotating: 'The rotation started: it runs as a job, so reload in a moment to see its new version.',
  deleted: 'The secret is scheduled for deletion; restore it before its window ends.',
  restored: 'The secret was restored.',
};

/** An operation's answer, or the AWS error it gave: a part of the page that fails is shown as that error, not the whole page. */
async function attempt<T>(run: Promise<T>): Promise<T | AwsError> {
  try {
    return await run;
  } catch (err) {
    if (err instanceof AwsError) return err;
    throw err;
  }
}

function failed(err: AwsError): Html {
  return html`<p class="error"><strong>${err.name}</strong>: ${err.message}</p>`;
}

/** Every version, deprecated ones included, newest first. */
async function versionsOf(ctx: PageContext, arn: string): Promise<SecretVersionsListEntry[]> {
  const versions: SecretVersionsListEntry[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.call<ListSecretVersionIdsResponse>('secretsmanager', 'ListSecretVersionIds', { SecretId: arn, IncludeDeprecated: true, NextToken: token });
    versions.push(...(page.Versions ?? []));
    token = page.NextToken;
  } while (token);
  const time = (d: Date | undefined) => (d ? new Date(d).getTime() : 0);
  // Listed oldest first: reversed, versions made in the same millisecond keep their order too.
  return versions.reverse().sort((a, b) => time(b.CreatedDate) - time(a.CreatedDate));
}

function labels(stages: string[] | undefined): Html {
  return html`<span class="labels">${(stages ?? []).map((s) => html`<span data-test="version-stage">${s}</span>`)}</span>`;
}

/** A revealed value: JSON objects pretty-printed, binary as base64. */
function revealed(value: GetSecretValueResponse): Html {
  const binary = value.SecretBinary !== undefined;
  const text = binary ? Buffer.from(value.SecretBinary!).toString('base64') : pretty(value.SecretString ?? '');
  return html`<section class="card" aria-labelledby="value-heading"><h3 id="value-heading">Value of version <code>${value.VersionId}</code></h3>
${labels(value.VersionStages)}${binary ? html` <span class="muted">binary, shown as base64</span>` : ''}
<pre id="secret-value" data-test="secret-value">${text}</pre>
<button type="button" data-copy-target="secret-value" data-test="copy" hidden>Copy</button></section>`;
}

function versionsTable(ctx: PageContext, arn: string, versions: SecretVersionsListEntry[], shown?: string): Html {
  if (!versions.length) return html`<p class="muted">No versions: the secret has no value yet.</p>`;
  return html`<div class="table-wrap"><table class="timeline"><caption>Versions, newest first</caption>
<thead><tr><th scope="col">Created</th><th scope="col">Version</th><th scope="col">Labels</th><th scope="col">Last accessed</th><th scope="col">Value</th></tr></thead>
<tbody>${versions.map(
    (v) => html`<tr data-test="version-row" data-version-id="${v.VersionId}"${v.VersionId === shown ? html` aria-current="true"` : ''}>
<td>${when(v.CreatedDate)}</td><th scope="row"><code>${v.VersionId}</code></th><td>${v.VersionStages?.length ? labels(v.VersionStages) : html`<span class="muted">deprecated</span>`}</td>
<td>${when(v.LastAccessedDate)}</td><td>${actionButton(ctx, 'secrets/reveal', 'Reveal', { id: arn, versionId: v.VersionId ?? '' }, { test: 'reveal' })}</td></tr>`,
  )}</tbody></table></div>`;
}

function details(s: DescribeSecretResponse): Html {
  const row = (name: string, value: Html | string) => html`<dt>${name}</dt><dd>${value}</dd>`;
  return html`<dl class="facts">
${row('ARN', html`<code>${s.ARN}</code>`)}${row('Name', s.Name ?? '')}${row('Description', s.Description ?? '—')}
${row('KMS key', s.KmsKeyId ?? 'aws/secretsmanager (the default)')}
${s.Type ? row('Type', s.Type) : ''}${s.OwningService ? row('Managed by', s.OwningService) : ''}${s.PrimaryRegion ? row('Primary region', s.PrimaryRegion) : ''}
${row('Created', when(s.CreatedDate))}${row('Last changed', when(s.LastChangedDate))}${row('Last accessed', when(s.LastAccessedDate))}
${s.DeletedDate ? row('Deleted', html`<span class="danger-text">${when(s.DeletedDate)}</span> (scheduled for deletion)`) : ''}
</dl>`;
}

/** Rotation rules in words: `every 30 days` or the schedule expression, with the window if there is one. */
export function scheduleOf(rules: RotationRulesType | undefined): string {
  const every = rules?.ScheduleExpression ?? (rules?.AutomaticallyAfterDays !== undefined ? `every ${rules.AutomaticallyAfterDays} days` : '—');
  return rules?.Duration ? `${every}, window ${rules.Duration}` : every;
}

function rotation(s: DescribeSecretResponse): Html {
  return html`<dl class="facts">
<dt>Enabled</dt><dd>${s.RotationEnabled ? 'yes' : 'no'}</dd>
<dt>Function</dt><dd>${s.RotationLambdaARN ? html`<code>${s.RotationLambdaARN}</code>` : '—'}</dd>
<dt>Schedule</dt><dd>${scheduleOf(s.RotationRules)}</dd>
<dt>Last rotated</dt><dd>${when(s.LastRotatedDate)}</dd>
<dt>Next rotation</dt><dd>${when(s.NextRotationDate)}</dd>
</dl>`;
}

function changeForms(ctx: PageContext, s: DescribeSecretResponse, versions: SecretVersionsListEntry[]): Html {
  const arn = s.ARN ?? '';
  const id = html`<input type="hidden" name="id" value="${arn}">`;
  const stages = [...new Set(['AWSCURRENT', 'AWSPREVIOUS', 'AWSPENDING', ...versions.flatMap((v) => v.VersionStages ?? [])])];
  const post = (action: string, confirm?: string) => html`method="post" action="${ctx.link(action)}" class="card stack"${confirm ? html` data-confirm="${confirm}"` : ''}`;
  const deletion = s.DeletedDate
    ? html`<section class="card"><h3>Restore</h3><p>Scheduled for deletion since ${when(s.DeletedDate)}.</p>${actionButton(ctx, 'secrets/restore', 'Restore', { id: arn }, { test: 'restore' })}</section>`
    : html`<form ${post('secrets/delete', `Delete the secret ${s.Name}?`)}><h3>Delete</h3>${formFields(ctx)}${id}
<label>Recovery window (days, 7–30) <input type="number" name="recoveryDays" value="30" min="7" max="30" inputmode="numeric"></label>
<label class="check"><input type="checkbox" name="force" value="true"> Delete at once, without a recovery window</label>
<button type="submit" class="danger" data-test="delete">Delete</button></form>`;
  return html`<div class="grid">
<form ${post('secrets/put')}><h3>Put a new value</h3>${formFields(ctx)}${id}
<label>Value (SecretString) <textarea name="value" rows="4" spellcheck="false" autocomplete="off"></textarea></label>
<button type="submit" data-test="put-value">Put value</button></form>
<form ${post('secrets/stage')}><h3>Move a label</h3>${formFields(ctx)}${id}
<label>Label <input name="stage" list="stages" value="AWSCURRENT" required autocomplete="off"></label>
<datalist id="stages">${stages.map((st) => html`<option value="${st}">`)}</datalist>
<label>To version <select name="versionId">${versions.map((v) => html`<option value="${v.VersionId}">${v.VersionId}${v.VersionStages?.length ? ` (${v.VersionStages.join(', ')})` : ''}</option>`)}</select></label>
<button type="submit" data-test="move-stage">Move label</button></form>
<form ${post('secrets/rotate')}><h3>Rotate now</h3>${formFields(ctx)}${id}
<label>Rotation function ARN <input name="lambdaArn" placeholder="${s.RotationLambdaARN ?? 'arn:aws:lambda:…'}" autocomplete="off"> <span class="muted">empty: the one configured</span></label>
<label>Every (days) <input type="number" name="days" min="1" max="1000" inputmode="numeric"> <span class="muted">empty: the schedule configured</span></label>
<button type="submit" data-test="rotate">Rotate now</button></form>
${deletion}
</div>`;
}

/** The page of the secret `id` (name or ARN); with `versionId`, that version's value too (only on the Reveal POST). */
export async function secretView(ctx: PageContext, req: Request, id: string, versionId?: string): Promise<Html> {
  const s = await ctx.call<DescribeSecretResponse>('secretsmanager', 'DescribeSecret', { SecretId: id });
  const arn = s.ARN ?? id;
  const [versions, policy, value] = await Promise.all([
    attempt(versionsOf(ctx, arn)),
    attempt(ctx.call<GetResourcePolicyResponse>('secretsmanager', 'GetResourcePolicy', { SecretId: arn })),
    versionId === undefined ? undefined : attempt(ctx.call<GetSecretValueResponse>('secretsmanager', 'GetSecretValue', { SecretId: arn, VersionId: versionId })),
  ]);
  const list = versions instanceof AwsError ? [] : versions;
  const tags = s.Tags ?? [];
  const replicas = s.ReplicationStatus ?? [];
  const body = html`${ctx.deps.trail ? html`<p><a href="${ctx.link('audit', { secret: arn })}">Audit events of this secret</a></p>` : ''}
<div class="grid"><section class="card" aria-labelledby="details"><h2 id="details">Details</h2>${details(s)}</section>
<section class="card" aria-labelledby="rotation"><h2 id="rotation">Rotation</h2>${rotation(s)}</section></div>
<section aria-labelledby="versions"><h2 id="versions">Versions</h2>
${value === undefined ? '' : value instanceof AwsError ? failed(value) : revealed(value)}
${versions instanceof AwsError ? failed(versions) : versionsTable(ctx, arn, list, versionId)}</section>
<section aria-labelledby="change"><h2 id="change">Change</h2>${changeForms(ctx, s, list)}</section>
<section aria-labelledby="tags"><h2 id="tags">Tags</h2>${
    tags.length
      ? html`<div class="table-wrap"><table><thead><tr><th scope="col">Key</th><th scope="col">Value</th></tr></thead><tbody>${tags.map((t) => html`<tr><th scope="row">${t.Key}</th><td>${t.Value}</td></tr>`)}</tbody></table></div>`
      : html`<p class="muted">No tags.</p>`
  }</section>
<section aria-labelledby="policy"><h2 id="policy">Resource policy</h2>${
    policy instanceof AwsError ? failed(policy) : policy.ResourcePolicy ? html`<pre>${pretty(policy.ResourcePolicy)}</pre>` : html`<p class="muted">None.</p>`
  }</section>
<section aria-labelledby="replication"><h2 id="replication">Replication</h2>${
    replicas.length
      ? html`<div class="table-wrap"><table><thead><tr><th scope="col">Region</th><th scope="col">KMS key</th><th scope="col">Status</th><th scope="col">Message</th><th scope="col">Last accessed</th></tr></thead>
<tbody>${replicas.map((r) => html`<tr><th scope="row">${r.Region}</th><td>${r.KmsKeyId ?? ''}</td><td>${r.Status ?? ''}</td><td>${r.StatusMessage ?? ''}</td><td>${when(r.LastAccessedDate)}</td></tr>`)}</tbody></table></div>`
      : html`<p class="muted">${s.PrimaryRegion && s.PrimaryRegion !== ctx.place.region ? `A replica of the secret in ${s.PrimaryRegion}.` : 'Not replicated.'}</p>`
  }</section>`;
  return layout(ctx, 'secrets', s.Name ?? id, body, versionId === undefined ? doneNotice(req, DONE) : undefined);
}
