// The emulated clock: where it stands, and buttons that move it (a day, a week, 30 days) or set
// it back to real time, so a user can watch a deletion window end or a rotation fall due. Like
// POST /_strongroom/clock, a move runs the work it made due before the page answers.
import type { Request } from 'express';
import type { ConsoleRoutes, PageContext } from '../context';
import { html } from '../html';
import { actionButton, layout, when } from '../layout';
import { doneNotice, field } from './forms';

const DAY = 86_400;
const STEPS: [number, string, string][] = [
  [DAY, 'Advance a day', 'advance-day'],
  [7 * DAY, 'Advance a week', 'advance-week'],
  [30 * DAY, 'Advance 30 days', 'advance-30-days'],
];

/** How far the emulated clock is from real time, in words. */
function offsetText(ms: number): string {
  if (ms === 0) return 'It runs at real time.';
  const seconds = Math.round(Math.abs(ms) / 1000);
  const days = Math.floor(seconds / DAY);
  const hours = Math.floor((seconds % DAY) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const parts = [days && `${days} d`, hours && `${hours} h`, minutes && `${minutes} min`].filter(Boolean).join(' ') || `${seconds} s`;
  return `It is ${parts} ${ms > 0 ? 'ahead of' : 'behind'} real time.`;
}

function page(ctx: PageContext, req: Request) {
  const now = ctx.deps.clock.now();
  const body = html`<p class="big"><time datetime="${now.toISOString()}">${when(now)}</time></p>
<p>${offsetText(ctx.deps.clock.offset)} Moving it runs what falls due at once: deletion windows that end, rotations on their schedule, key rotations.</p>
<div class="buttons">${STEPS.map(([seconds, label, test]) => actionButton(ctx, 'clock/advance', label, { seconds: String(seconds) }, { test }))}
${actionButton(ctx, 'clock/reset', 'Back to real time', {}, { test: 'clock-reset' })}</div>`;
  const notice = doneNotice(req, { moved: 'The clock moved, and the work it made due has run.', refused: 'The clock moves by a day, a week or 30 days from this page.' });
  return Promise.resolve(layout(ctx, 'clock', 'Clock', body, notice));
}

/**
 * Where to go after a move: the form's `back` when it is a page of this console (never another
 * site: an open redirect would let a link send users anywhere), else the clock page.
 */
function backTo(ctx: PageContext, req: Request, done: string): { redirect: string } {
  const back = field(req, 'back');
  const base = ctx.deps.basePath;
  const ours = /^[\x21-\x7e]+$/.test(back) && !back.includes('\\') && (back === base || back.startsWith(`${base}/`) || back.startsWith(`${base}?`));
  return { redirect: ours ? back : ctx.link('clock', { done }) };
}

async function move(ctx: PageContext, req: Request, offsetMs: number) {
  ctx.deps.clock.setOffset(offsetMs);
  await ctx.deps.jobs.runDue();
  return backTo(ctx, req, 'moved');
}

export function clockPages(routes: ConsoleRoutes): void {
  routes.get('/clock', page);
  routes.post('/clock/advance', (ctx, req) => {
    const seconds = Number(field(req, 'seconds'));
    // Only the page's own steps: the clock never moves by an amount the page did not offer.
    if (!STEPS.some(([step]) => step === seconds)) return Promise.resolve({ redirect: ctx.link('clock', { done: 'refused' }) });
    return move(ctx, req, ctx.deps.clock.offset + seconds * 1000);
  });
  routes.post('/clock/reset', (ctx, req) => move(ctx, req, 0));
}
