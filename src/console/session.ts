// The console's defence against cross-site requests, on top of the browser guard's Origin and
// Host checks: every state-changing form carries a token bound to the browser's session cookie
// (HttpOnly, SameSite=Strict), an HMAC under a key that lives only in this process. A page on
// another site can make the browser post a form, but cannot read the token to put in it.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

const COOKIE = 'strongroom_console';
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export interface ConsoleSessions {
  /** The request's session id, made (and its cookie set) when it has none. */
  session(req: Request, res: Response): string;
  /** The form token of a session. */
  token(sessionId: string): string;
  /** Whether a posted form's token belongs to the request's session. */
  valid(req: Request): boolean;
}

function cookieOf(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=');
  }
  return undefined;
}

export function consoleSessions(path: string): ConsoleSessions {
  const key = randomBytes(32);
  const token = (sessionId: string) => createHmac('sha256', key).update(sessionId).digest('base64url');
  return {
    session(req, res) {
      const existing = cookieOf(req);
      if (existing && SESSION_ID.test(existing)) return existing;
      const id = randomBytes(32).toString('base64url');
      res.setHeader('Set-Cookie', `${COOKIE}=${id}; Path=${path}; HttpOnly; SameSite=Strict`);
      return id;
    },
    token,
    valid(req) {
      const id = cookieOf(req);
      const given = (req.body as Record<string, unknown> | undefined)?.csrf;
      if (!id || !SESSION_ID.test(id) || typeof given !== 'string') return false;
      const expected = Buffer.from(token(id));
      const actual = Buffer.from(given);
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
  };
}
