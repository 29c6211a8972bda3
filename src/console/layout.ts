// The console's page shell: the head (its own stylesheet and script, nothing from elsewhere),
// the navigation, the account and region switcher, and the main content. Shared form parts
// (the hidden place and token fields) are here so every form carries them the same way.
import type { PageContext } from './context';
import { html, type Html } from './html';

export type Section = 'home' | 'secrets' | 'keys' | 'audit' | 'clock';

/** The hidden fields every POST form carries: the place it acts in and the session's token. */
export function formFields(ctx: PageContext): Html {
  return html`<input type="hidden" name="csrf" value="${ctx.csrf}"><input type="hidden" name="account" value="${ctx.place.accountId}"><input type="hidden" name="region" value="${ctx.place.region}">`;
}

/** A one-button form posting to `action` (below the console root), with optional hidden values. */
export function actionButton(ctx: PageContext, action: string, label: string, values: Record<string, string> = {}, attrs: { danger?: boolean; test?: string } = {}): Html {
  const hidden = Object.entries(values).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  return html`<form method="post" action="${ctx.link(action)}" class="inline">${formFields(ctx)}${hidden}<button type="submit"${attrs.danger ? html` class="danger"` : ''}${attrs.test ? html` data-test="${attrs.test}"` : ''}>${label}</button></form>`;
}

/** A timestamp as the console shows it: ISO, to the second, UTC. */
export function when(date: Date | string | undefined): string {
  if (date === undefined) return '—';
  const d = typeof date === 'string' ? new Date(date) : date;
  return Number.isNaN(d.getTime()) ? '—' : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function layout(ctx: PageContext, section: Section, title: string, body: Html, notice?: Html): Html {
  const nav: [Section, string, string][] = [
    ['home', '', 'Overview'],
    ['secrets', 'secrets', 'Secrets'],
    ['keys', 'keys', 'Keys'],
    ...(ctx.deps.trail ? ([['audit', 'audit', 'Audit trail']] as [Section, string, string][]) : []),
    ['clock', 'clock', 'Clock'],
  ];
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Strongroom</title>
<link rel="stylesheet" href="${ctx.deps.basePath}/assets/console.css">
<script src="${ctx.deps.basePath}/assets/console.js" defer></script>
</head>
<body>
<header>
<a class="brand" href="${ctx.link('')}">Strongroom</a>
<nav aria-label="Sections"><ul>${nav.map(([id, path, label]) => html`<li><a href="${ctx.link(path)}"${id === section ? html` aria-current="page"` : ''}>${label}</a></li>`)}</ul></nav>
<form method="get" action="${ctx.link('')}" class="place" aria-label="Account and region">
<label>Account <input name="account" value="${ctx.place.accountId}" inputmode="numeric" pattern="[0-9]{12}" size="12" required></label>
<label>Region <input name="region" value="${ctx.place.region}" size="14" required></label>
<button type="submit">Go</button>
</form>
</header>
<main>
${notice ?? ''}
<h1>${title}</h1>
${body}
</main>
<footer>Strongroom ${ctx.deps.version} · emulated time <time data-test="clock-now">${when(ctx.deps.clock.now())}</time></footer>
</body>
</html>`;
}
