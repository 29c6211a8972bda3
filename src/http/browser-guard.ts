// Strongroom runs next to the user's browser, and any page the browser opens can send requests
// to 127.0.0.1. This guard runs before every route (AWS, admin, console) and refuses:
// - requests whose `Origin` (or, without one, `Referer`) is a web origin that is not allowed:
//   a form post or a `no-cors` fetch from a page needs no preflight, so refusing it here is the
//   only thing that stops it;
// - requests whose `Host` is a name that is not allowed: a page on evil.example whose DNS name
//   is re-pointed at 127.0.0.1 (DNS rebinding) is same-origin with us, and only the Host header
//   still shows the name it used. IP literals and *.localhost cannot be re-pointed.
// SDKs, the CLI and curl send neither Origin nor Referer, and an IP or localhost Host.
// Allowed origins get CORS answers, so the AWS SDK for JavaScript works in a browser page.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { Logger } from '../log';
import { ForbiddenException } from '../protocol/errors';
import { sendError } from './respond';

export interface BrowserGuardOptions {
  /** The name or address the server listens on (`--host`): clients may use it as Host. */
  host: string;
  /** Normalized origins allowed besides loopback ones (normalizeOrigin); `*` allows all. */
  corsOrigins: string[];
  /** Lower-case host names allowed besides IP literals and localhost; `*` allows all. */
  allowedHosts: string[];
  logger: Logger;
}

/** Answers the request itself (refused, or a CORS preflight) and returns true, or returns false to let it through. */
export type BrowserGuard = (req: IncomingMessage, res: ServerResponse) => boolean;

/** The request headers SDK v3 for JavaScript sends from a browser. */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'x-amz-date',
  'x-amz-target',
  'x-amz-user-agent',
  'x-amz-content-sha256',
  'x-amz-security-token',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
].join(', ');
/** The answer headers a page's script may read: the SDK reads the request id, the error type and the date (clock skew). */
const EXPOSED_HEADERS = 'x-amzn-requestid, x-amzn-errortype, date';
const ALLOWED_METHODS = 'GET, POST, OPTIONS';
/** Seconds a browser may reuse a preflight answer. */
const PREFLIGHT_MAX_AGE = '600';

/** `scheme://host[:port]` as browsers send it in `Origin` (lower case, default port dropped), or `*`. */
export function normalizeOrigin(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '*') return trimmed;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new Error(`CORS origin must be scheme://host[:port] or *, got '${text}'`);
  }
  if (url.origin === 'null') throw new Error(`CORS origin must be scheme://host[:port] or *, got '${text}'`);
  return url.origin;
}

/** localhost and its subdomains: browsers resolve them to loopback themselves, never through DNS. */
function isLocalhostName(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost');
}

/** The host name of a Host header value (`name[:port]`, `[v6]:port`), lower case, without a final dot. */
function hostnameOf(host: string): string {
  let name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d*$/, '');
  name = name.toLowerCase();
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/** The web origin a browser request comes from: its Origin, else its Referer's; undefined for non-browser clients. */
function originOf(req: IncomingMessage): string | undefined {
  const { origin, referer } = req.headers;
  if (origin !== undefined) return origin;
  if (referer === undefined) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}

/** Why a request must be refused (a host name or web origin that is not allowed), or undefined if it may go on. */
export type BrowserCheck = (req: IncomingMessage) => string | undefined;

/** The guard's two refusals without its CORS answers: for servers that never answer a page's script (the agent port). */
export function createBrowserCheck(options: Omit<BrowserGuardOptions, 'logger'>): BrowserCheck {
  const anyOrigin = options.corsOrigins.includes('*');
  const extraOrigins = new Set(options.corsOrigins);
  const anyHost = options.allowedHosts.includes('*');
  const extraHosts = new Set([...options.allowedHosts, options.host.toLowerCase()]);
  /** Host header values already judged: clients send the same one on every request. */
  const judgedHosts = new Map<string, boolean>();

  function hostAllowed(host: string | undefined): boolean {
    if (anyHost) return true;
    // node:http refuses HTTP/1.1 requests without Host; HTTP/1.0 ones name no host to rebind.
    if (host === undefined) return true;
    let allowed = judgedHosts.get(host);
    if (allowed === undefined) {
      const name = hostnameOf(host);
      allowed = isIP(name) !== 0 || isLocalhostName(name) || extraHosts.has(name);
      if (judgedHosts.size >= 100) judgedHosts.clear();
      judgedHosts.set(host, allowed);
    }
    return allowed;
  }

  function originAllowed(origin: string): boolean {
    if (anyOrigin) return true;
    // `null`: sandboxed frames, file: pages, some redirects: nothing says where they come from.
    if (origin === 'null') return false;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    if (extraOrigins.has(url.origin)) return true;
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    const name = url.hostname;
    return isLocalhostName(name) || name === '127.0.0.1' || name === '[::1]';
  }

  return (req) => {
    if (!hostAllowed(req.headers.host)) {
      return `Strongroom refuses requests for the host name '${hostnameOf(req.headers.host!)}': a web site can point such a name at this machine (DNS rebinding). Use an IP address or localhost, or allow the name with --allowed-hosts (STRONGROOM_ALLOWED_HOSTS).`;
    }
    const origin = originOf(req);
    if (origin !== undefined && !originAllowed(origin)) {
      return `Strongroom refuses requests from the web origin '${origin}': a web page must not reach a local Secrets Manager and KMS. Allow the origin with --cors-origins (STRONGROOM_CORS_ORIGINS).`;
    }
    return undefined;
  };
}

export function createBrowserGuard(options: BrowserGuardOptions): BrowserGuard {
  const check = createBrowserCheck(options);

  function refuse(res: ServerResponse, message: string): true {
    const requestId = randomUUID();
    options.logger.warn(`refused ${message} id=${requestId}`);
    sendError(res, requestId, new ForbiddenException(message), undefined);
    return true;
  }

  return (req, res) => {
    const refusal = check(req);
    if (refusal !== undefined) return refuse(res, refusal);
    if (originOf(req) === undefined) return false;
    // A request from an allowed page: let its script read the answer.
    if (req.headers.origin !== undefined) {
      res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
      res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', PREFLIGHT_MAX_AGE);
      // Chromium's Private Network Access: a page served from a public address asks first.
      if (req.headers['access-control-request-private-network'] === 'true') res.setHeader('Access-Control-Allow-Private-Network', 'true');
      res.writeHead(204, { 'Content-Length': '0' });
      res.end();
      return true;
    }
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    return false;
  };
}
