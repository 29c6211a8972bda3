// SigV4 verification: the expected signature is computed here, with node:crypto, the way AWS
// and the SDK's signer compute it (docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html)
// over the request as it arrived, restricted to what the client signed (the headers
// SignedHeaders lists, the query, the body), and compared in constant time. The request time
// must be within AWS's 5 minutes of real time (not the emulated clock: the client signs with
// its own clock), or within X-Amz-Expires of it for a presigned query.
import { createHash, createHmac, createSecretKey, hash, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { IncompleteSignatureException, InvalidSignatureException } from '../protocol/errors';

/** What the identity step read of a request's signature (header or presigned query). */
export interface SignatureParts {
  /** `<date>/<region>/<service>/aws4_request` split. */
  scope: { date: string; region: string; service: string; terminator: string };
  signedHeaders: string[];
  signature: string;
  /** The request time as signed (`X-Amz-Date`, or the `Date` header), `20260101T000000Z`. */
  requestTime: string;
  /** Presigned query: seconds the signature stays valid after requestTime. */
  expires?: number;
  presigned: boolean;
}

interface SignedRequest {
  method: string;
  /** As on the wire (percent-encoded). */
  path: string;
  headers: IncomingHttpHeaders;
  /** Without `?`. */
  query?: string;
  body: Buffer;
}

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
/** AWS accepts a request time this far from its own clock either way. */
const SKEW_MS = 5 * 60_000;
const TERMINATOR = 'aws4_request';
export const ALGORITHM = 'AWS4-HMAC-SHA256';
/** Headers the SDK's signer writes itself whatever the request holds (x-amz-date: the request time; a header-signed request signs it always). */
const WRITTEN_BY_SIGNER = new Set(['authorization', 'date', 'x-amz-date']);
const BASIC_FORMAT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** The last time parsed, and as what: the requests of one second carry the same time, and each reads it twice. */
let lastParsed = { text: '', ms: NaN, longDate: '' };

/** The request time (`20260101T000000Z`) as epoch milliseconds (NaN if it is not one), and written back in basic format (the fields normalized, as Date.UTC does). */
function readRequestTime(text: string): { ms: number; longDate: string } {
  if (text !== lastParsed.text) {
    const m = BASIC_FORMAT.exec(text);
    const ms = m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
    lastParsed = { text, ms, longDate: Number.isNaN(ms) ? '' : basicFormat(ms) };
  }
  return lastParsed;
}

const twoDigits = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** Epoch milliseconds as `20260101T000000Z` (field by field: a fifth of toISOString's cost, which it keeps for a year of other than 4 digits, or an invalid time). */
export function basicFormat(ms: number): string {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (!(year >= 1000 && year <= 9999)) return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return `${year}${twoDigits(d.getUTCMonth() + 1)}${twoDigits(d.getUTCDate())}T${twoDigits(d.getUTCHours())}${twoDigits(d.getUTCMinutes())}${twoDigits(d.getUTCSeconds())}Z`;
}

/** The checks AWS makes of the scope and the time before it looks at the signature; `realNow` is Date.now(). */
export function checkScopeAndTime(parts: SignatureParts, realNow: number): void {
  const { scope, requestTime } = parts;
  if (scope.terminator !== TERMINATOR) throw new InvalidSignatureException(`Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${scope.terminator}'. `);
  const time = readRequestTime(requestTime).ms;
  if (Number.isNaN(time)) throw new IncompleteSignatureException(`Date must be in ISO-8601 'basic format'. Got '${requestTime}'. See http://en.wikipedia.org/wiki/ISO_8601`);
  if (scope.date !== requestTime.slice(0, 8)) {
    throw new InvalidSignatureException(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scope.date}' != '${requestTime.slice(0, 8)}', from '${requestTime}'.`,
    );
  }
  if (time > realNow + SKEW_MS) {
    throw new InvalidSignatureException(`Signature not yet current: ${requestTime} is still later than ${basicFormat(realNow + SKEW_MS)} (${basicFormat(realNow)} + 5 min.)`);
  }
  // A presigned query is good for X-Amz-Expires seconds after its time; a signed header for 5 minutes.
  const window = parts.expires === undefined ? SKEW_MS : parts.expires * 1000;
  if (time < realNow - window) {
    const span = parts.expires === undefined ? '5 min.' : `${parts.expires} sec.`;
    throw new InvalidSignatureException(`Signature expired: ${requestTime} is now earlier than ${basicFormat(realNow - window)} (${basicFormat(realNow)} - ${span})`);
  }
}

/** Derived signing keys by secret, day, region and service (four HMACs each), in memory only; cleared when full. */
const signingKeys = new Map<string, KeyObject>();
const MAX_SIGNING_KEYS = 256;

// crypto.hash (Node 20.12+) makes no Hash object: a third less for a 1 KiB body.
const sha256Hex: (data: string | Buffer) => string =
  typeof hash === 'function' ? (data) => hash('sha256', data, 'hex') : (data) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

function signingKey(secretAccessKey: string, day: string, region: string, service: string): KeyObject {
  // The day, region and service hold no `/` (the credential is split on it): the secret goes last.
  const id = `${day}/${region}/${service}/${secretAccessKey}`;
  let key = signingKeys.get(id);
  if (key === undefined) {
    if (signingKeys.size >= MAX_SIGNING_KEYS) signingKeys.clear();
    key = createSecretKey(hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), service), TERMINATOR));
    signingKeys.set(id, key);
  }
  return key;
}

/** SigV4's URI encoding: RFC 3986's unreserved characters as they are, every other UTF-8 byte as `%XX`. */
const uriEncode = (text: string): string => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The canonical URI of a service other than S3: the path as it arrived (percent-encoded once),
 * its empty, `.` and `..` segments resolved, each segment encoded again, a trailing `/` kept.
 */
function canonicalPath(wire: string): string {
  if (wire === '/' || wire === '') return '/';
  const segments: string[] = [];
  for (const segment of wire.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(uriEncode(segment));
  }
  return segments.length === 0 ? '/' : `/${segments.join('/')}${wire.endsWith('/') ? '/' : ''}`;
}

/** The query's values by name, decoded (`+` stays `+`, as SigV4 reads it). */
function queryValues(query: string | undefined): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const pair of query ? query.split('&') : []) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : safeDecode(pair.slice(eq + 1));
    const held = values.get(name);
    if (held) held.push(value);
    else values.set(name, [value]);
  }
  return values;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `name=value` pairs encoded, sorted by name then value, without X-Amz-Signature (in any case). */
function canonicalQuery(values: Map<string, string[]>): string {
  const byName: [string, string][] = [];
  for (const [name, list] of values) {
    if (name.toLowerCase() === 'x-amz-signature') continue;
    const encoded = uriEncode(name);
    byName.push([encoded, list.map((value) => `${encoded}=${uriEncode(value)}`).sort().join('&')]);
  }
  return byName
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, pairs]) => pairs)
    .join('&');
}

/** What canonicalValue would change; most values have none of it. */
const NOT_CANONICAL = /[\r\n\t]| {2}|^ | $/;

/** A header value as SigV4 signs it: line breaks as spaces, each run of spaces and tabs as one space, none at either end. */
const canonicalValue = (value: string): string =>
  NOT_CANONICAL.test(value) ? value.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').replace(/^ | $/g, '') : value;

/**
 * Verifies the signature of `request` with `secretAccessKey`; throws InvalidSignatureException
 * (AWS's text) when it does not match. The caller has run checkScopeAndTime.
 */
export function verifySignature(request: SignedRequest, parts: SignatureParts, accessKeyId: string, secretAccessKey: string): void {
  const { longDate } = readRequestTime(parts.requestTime);
  const day = longDate.slice(0, 8);
  const { region, service } = parts.scope;
  const headers = new Map<string, string>();
  for (const name of parts.signedHeaders) {
    if (WRITTEN_BY_SIGNER.has(name)) continue;
    const value = request.headers[name];
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(','));
  }
  if (!parts.presigned) headers.set('x-amz-date', longDate);
  const bodyHash = request.body.length === 0 ? EMPTY_SHA256 : sha256Hex(request.body);
  // A signed x-amz-content-sha256 is what the client signed as the payload's hash: it must be the body's.
  const contentSha256 = headers.get('x-amz-content-sha256');
  if (contentSha256 !== undefined && contentSha256 !== bodyHash) throw new InvalidSignatureException(MISMATCH);
  const names = [...headers.keys()].sort();
  const scope = `${day}/${region}/${service}/${TERMINATOR}`;
  const query = queryValues(request.query);
  if (parts.presigned) {
    // The parameters of the signature itself are signed as the signer writes them.
    query.set('X-Amz-Algorithm', [ALGORITHM]);
    query.set('X-Amz-Credential', [`${accessKeyId}/${scope}`]);
    query.set('X-Amz-Date', [longDate]);
    query.set('X-Amz-Expires', [String(parts.expires)]);
    query.set('X-Amz-SignedHeaders', [names.join(';')]);
  }
  // Joined as the SDK's signer joins them: with no header at all, one line fewer than AWS's own layout (a line per header).
  const canonicalHeaders = names.map((name) => `${name}:${canonicalValue(headers.get(name)!)}`).join('\n');
  const canonicalRequest = `${request.method}\n${canonicalPath(request.path)}\n${canonicalQuery(query)}\n${canonicalHeaders}\n\n${names.join(';')}\n${bodyHash}`;
  const stringToSign = `${ALGORITHM}\n${longDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const expected = createHmac('sha256', signingKey(secretAccessKey, day, region, service)).update(stringToSign).digest('hex');
  const given = Buffer.from(parts.signature, 'utf8');
  const wanted = Buffer.from(expected, 'utf8');
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) throw new InvalidSignatureException(MISMATCH);
}
