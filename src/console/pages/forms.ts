// Reading what a page was sent (query or form fields) and showing what it answers, the same way
// on every page.
import type { Request } from 'express';
import { html, type Html } from '../html';

/** A field of the request: the form's on a POST, the query's on a GET; '' when absent or given more than once. */
export function field(req: Request, name: string): string {
  const source = (req.method === 'POST' ? req.body : req.query) as Record<string, unknown> | undefined;
  const value = source?.[name];
  return typeof value === 'string' ? value : '';
}

/**
 * A number field as the operation is given it: a number when the text is one, else the text
 * itself, so the operation answers a mistake with AWS's own error (a string where a number
 * belongs is AWS's SerializationException) rather than a message of the console's.
 */
export function numeric(text: string): number | string {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

/** JSON objects and arrays indented for reading; any other text as it is (never altered otherwise). */
export function pretty(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? JSON.stringify(parsed, null, 2) : text;
  } catch {
    return text;
  }
}

/** The notice a page shows after a form redirected to it (`done=<key>`): fixed texts only, never a request's words. */
export function doneNotice(req: Request, texts: Record<string, string>): Html | undefined {
  const key = field(req, 'done');
  return Object.hasOwn(texts, key) ? html`<p class="notice" role="status">${texts[key]}</p>` : undefined;
}
