// The console over plain HTTP, as a browser without JavaScript uses it: GET a page (keeping the
// session cookie and the page's form token), post a form form-encoded with the Origin a browser
// sends, follow the 303 to the next page. Pages are matched with regular expressions, so values
// taken from them are unescaped.
import type { TestServer } from '../helpers/server';

export interface ConsolePage {
  status: number;
  headers: Headers;
  text: string;
  /** Where a form's 303 sent the browser. */
  location?: string;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
export const unescapeHtml = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);

/** Every match's first group, unescaped. */
export const allOf = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => unescapeHtml(m[1]));

export class ConsoleBrowser {
  private cookie = '';
  csrf = '';

  constructor(private readonly server: Pick<TestServer, 'url' | 'strongroom'>) {}

  private remember(res: Response): void {
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
  }

  /** GETs a console path (`/keys?…`) or a path the console redirected to (`/_strongroom/console/…`). */
  async get(path: string): Promise<ConsolePage> {
    const url = path.startsWith('/_strongroom/') ? `${this.server.url}${path}` : `${this.server.strongroom.consoleUrl}${path}`;
    const res = await fetch(url, { headers: { cookie: this.cookie }, redirect: 'manual' });
    this.remember(res);
    const text = await res.text();
    const token = /name="csrf" value="([^"]*)"/.exec(text);
    if (token) this.csrf = token[1];
    return { status: res.status, headers: res.headers, text };
  }

  /** Posts a form to a console path with the session's token (unless `csrf: null`) and the server's Origin (unless told another); a 303 is followed with a GET. */
  async post(path: string, fields: Record<string, string>, options: { csrf?: string | null; origin?: string } = {}): Promise<ConsolePage> {
    const body = new URLSearchParams({ ...(options.csrf === null ? {} : { csrf: options.csrf ?? this.csrf }), ...fields });
    const res = await fetch(`${this.server.strongroom.consoleUrl}${path}`, {
      method: 'POST',
      headers: { cookie: this.cookie, origin: options.origin ?? this.server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body,
      redirect: 'manual',
    });
    const location = res.headers.get('location') ?? undefined;
    if (res.status === 303 && location) return { ...(await this.get(location)), location };
    return { status: res.status, headers: res.headers, text: await res.text() };
  }
}
