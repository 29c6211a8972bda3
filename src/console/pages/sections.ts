// Page sections built from AWS calls: a section whose call fails on its own (a key that cannot
// rotate, a policy the console's principal may not read) shows AWS's error in its place, and the
// rest of the page still renders.
import { AwsError } from '../../protocol/errors';
import { html, type Html } from '../html';

/** A call's result, or the AWS error it failed with. */
export type Attempt<T> = { ok: T } | { error: AwsError };

export async function attempt<T>(promise: Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: await promise };
  } catch (err) {
    if (err instanceof AwsError) return { error: err };
    throw err;
  }
}

/** An AWS error as the SDK reports it: its code, and its message when it has one. */
export function errorText(err: AwsError): Html {
  return html`<strong>${err.name}</strong>${err.hasMessage ? html`: ${err.message}` : ''}`;
}

/** A section's content, or the error its call failed with. */
export function shown<T>(result: Attempt<T>, render: (value: T) => Html): Html {
  return 'error' in result ? html`<p class="error">${errorText(result.error)}</p>` : render(result.ok);
}

/** A table in its scrolling wrapper, with column headers; `empty` in its place when there are no rows. */
export function table(headers: string[], rows: Html[], empty: string): Html {
  if (rows.length === 0) return html`<p class="muted">${empty}</p>`;
  return html`<div class="table-wrap"><table><thead><tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`;
}
