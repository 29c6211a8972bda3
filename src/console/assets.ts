// The console's stylesheet and script, served by the console itself (no CDN, no build step).
// The pages work without the script: it only adds copy buttons and confirmations. The CSP
// allows no inline script or style, so both live here.

/**
 * Classes the pages use: `card` (a boxed section), `grid` (cards side by side, stacked on a
 * phone), `stack` (a form's fields one under another), `inline` (a one-button form in a line),
 * `table-wrap` (a table that scrolls sideways on a narrow screen), `labels` (a row of badges, one
 * child element each: staging labels, aliases), `danger` (a destructive button), `danger-text`,
 * `error`, `notice`, `muted`, `check` (a checkbox's label), `buttons`, `button` (a link that
 * looks like one), `facts` (a definition list of name/value pairs), `big`.
 */
export const CONSOLE_CSS = `:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1d2430; --muted: #5b6575; --line: #d5dae1; --panel: #f5f7fa;
  --accent: #1f5fbf; --accent-fg: #ffffff; --danger: #b3261e; --danger-bg: #fdecea;
  --ok-bg: #e7f4ea; --ok-line: #3c8d50; --badge: #e3ebf8; --badge-fg: #173f80;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14181f; --fg: #e4e8ee; --muted: #9aa4b2; --line: #343c48; --panel: #1c222b;
    --accent: #6ea2f0; --accent-fg: #0c1320; --danger: #f2877d; --danger-bg: #3a1d1b;
    --ok-bg: #18301f; --ok-line: #5fb074; --badge: #22334d; --badge-fg: #bcd2f5;
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
code, pre, kbd { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.9em; }
code { overflow-wrap: anywhere; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible {
  outline: 3px solid var(--accent); outline-offset: 2px;
}

/* Header: brand, sections, the account and region switcher; wraps on a narrow screen. */
header {
  display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem;
  padding: 0.6rem 1rem; background: var(--panel); border-bottom: 1px solid var(--line);
}
header .brand { font-weight: 700; font-size: 1.1rem; color: var(--fg); text-decoration: none; }
header nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; margin: 0; padding: 0; }
header nav a { text-decoration: none; padding: 0.2rem 0; border-bottom: 2px solid transparent; }
header nav a[aria-current="page"] { color: var(--fg); border-bottom-color: var(--accent); font-weight: 600; }
header form.place { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0.5rem; margin-left: auto; }
header form.place label { display: flex; flex-direction: column; font-size: 0.8rem; color: var(--muted); }
header form.place input { width: 9.5rem; max-width: 100%; }

main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
footer { max-width: 72rem; margin: 2rem auto 0; padding: 1rem; color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--line); }
h1 { font-size: 1.5rem; margin: 0.5rem 0 1rem; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
h3 { font-size: 1rem; margin: 0 0 0.5rem; }
.big { font-size: 1.6rem; font-weight: 600; margin: 0.5rem 0; }
.muted { color: var(--muted); }
pre {
  background: var(--panel); border: 1px solid var(--line); border-radius: 6px;
  padding: 0.75rem; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 32rem;
}

/* Boxes and layout */
.card { border: 1px solid var(--line); border-radius: 8px; padding: 1rem; margin: 0 0 1rem; background: var(--bg); }
.grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr)); align-items: start; }
.grid > .card { margin: 0; }
.card > h2:first-child, .card > h3:first-child { margin-top: 0; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
@media (max-width: 30rem) {
  .facts { grid-template-columns: 1fr; }
  .facts dd { margin-bottom: 0.4rem; }
}
.inline-list { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; padding: 0; list-style: none; }
.buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; }

/* Tables: a wide one scrolls sideways inside its wrapper instead of widening the page. */
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 0 0 1rem; border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; padding: 0.5rem 0.75rem; color: var(--muted); font-size: 0.9rem; }
th, td { text-align: left; vertical-align: top; padding: 0.45rem 0.75rem; border-top: 1px solid var(--line); }
thead th { border-top: 0; background: var(--panel); font-weight: 600; white-space: nowrap; }
tbody th { font-weight: 500; }
tr[aria-current="true"] { background: var(--badge); }
/* Ids and dates stay on one line: the wrapper scrolls instead. */
.table-wrap code, table.timeline th, table.timeline td { white-space: nowrap; overflow-wrap: normal; }

/* Staging labels, aliases: a row of badges. */
.labels { display: inline-flex; flex-wrap: wrap; gap: 0.25rem; }
.labels > * {
  display: inline-block; padding: 0.05rem 0.45rem; border-radius: 999px;
  background: var(--badge); color: var(--badge-fg); font-size: 0.8rem; font-weight: 600; white-space: nowrap;
}

/* Forms */
label { display: block; }
.stack label, form.filters label { margin: 0 0 0.6rem; }
.stack > label > input:not([type="checkbox"]), .stack > label > select, .stack > label > textarea { display: block; width: 100%; margin-top: 0.2rem; }
label.check { display: flex; align-items: center; gap: 0.4rem; }
input, select, textarea, button, .button { font: inherit; max-width: 100%; }
input, select, textarea {
  padding: 0.35rem 0.5rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg);
}
textarea { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; resize: vertical; }
form.filters { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0.25rem 1rem; margin: 0 0 1rem; }
form.filters label { display: flex; flex-direction: column; font-size: 0.85rem; color: var(--muted); }
form.filters label.check { flex-direction: row; color: var(--fg); }
form.inline { display: inline-block; margin: 0 0.25rem 0.25rem 0; }
button, .button {
  display: inline-block; padding: 0.4rem 0.9rem; border: 1px solid var(--accent); border-radius: 6px;
  background: var(--accent); color: var(--accent-fg); cursor: pointer; text-decoration: none; line-height: 1.4;
}
button:hover, .button:hover { filter: brightness(1.1); }
button.danger { background: var(--danger); border-color: var(--danger); color: var(--bg); }
button[data-copied] { background: var(--ok-line); border-color: var(--ok-line); }
.danger-text { color: var(--danger); }

/* Messages */
.error, .notice { border-radius: 6px; padding: 0.6rem 0.9rem; margin: 0 0 1rem; overflow-wrap: anywhere; }
.error { background: var(--danger-bg); border: 1px solid var(--danger); }
.notice { background: var(--ok-bg); border: 1px solid var(--ok-line); }

@media (max-width: 40rem) {
  header form.place { margin-left: 0; }
  main { padding: 0.75rem; }
  th, td { padding: 0.4rem 0.5rem; }
}
`;

/**
 * Progressive only: copy buttons (`data-copy-target="<id>"` copies that element's text; they
 * come `hidden` and are shown here, as they do nothing without a script) and a confirmation
 * before forms with `data-confirm`. No inline handlers, no eval (the CSP allows neither).
 */
export const CONSOLE_JS = `'use strict';
document.addEventListener('DOMContentLoaded', function () {
  if (navigator.clipboard) {
    document.querySelectorAll('button[data-copy-target]').forEach(function (button) {
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener('click', function () {
        var source = document.getElementById(button.getAttribute('data-copy-target'));
        if (!source) return;
        navigator.clipboard.writeText(source.textContent).then(function () {
          button.textContent = 'Copied';
          button.setAttribute('data-copied', '');
          setTimeout(function () {
            button.textContent = label;
            button.removeAttribute('data-copied');
          }, 2000);
        }, function () {
          button.textContent = 'Copy failed';
        });
      });
    });
  }
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
    });
  });
});
`;
