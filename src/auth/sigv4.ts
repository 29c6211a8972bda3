// SigV4 verification: the expected signature is computed by the SDK's own signer
// (@smithy/signature-v4) over the request as it arrived, restricted to what the client signed
// (the headers SignedHeaders lists, the query, the body), and compared in constant time. The
// request time must be within AWS's 5 minutes of real time (not the emulated clock: the client
// signs with its own clock), or within X-Amz-Expires of it for a presigned query.
import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from 'node:crypto';
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

/** The SDK's signer, on first use: it costs a start some 12 ms, and only --auth verify, audit and enforce check signatures. */
let signerModule: typeof import('@smithy/signature-v4') | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const signing = () => (signerModule ??= require('@smithy/signature-v4') as typeof import('@smithy/signature-v4'));

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
/** AWS accepts a request time this far from its own clock either way. */
const SKEW_MS = 5 * 60_000;
const TERMINATOR = 'aws4_request';
const BASIC_FORMAT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** node:crypto's SHA-256 (an HMAC when given a key) in the shape the SDK's signer takes. */
export class Sha256 {
  private hash: Hash | Hmac;
  private readonly secret: Buffer | undefined;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.secret = secret === undefined ? undefined : typeof secret === 'string' ? Buffer.from(secret, 'utf8') : ArrayBuffer.isView(secret) ? Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength) : Buffer.from(secret);
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.hash.digest());
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

/** `20260101T000000Z` as epoch milliseconds, or NaN. */
function parseRequestTime(text: string): number {
  const m = BASIC_FORMAT.exec(text);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
}

export const basicFormat = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');

/** The checks AWS makes of the scope and the time before it looks at the signature; `realNow` is Date.now(). */
export function checkScopeAndTime(parts: SignatureParts, realNow: number): void {
  const { scope, requestTime } = parts;
  if (scope.terminator !== TERMINATOR) throw new InvalidSignatureException(`Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${scope.terminator}'. `);
  const time = parseRequestTime(requestTime);
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

/** The query as the signer takes it: decoded, repeated names as lists (`+` stays `+`, as SigV4 reads it). */
function queryBag(query: string | undefined): Record<string, string | string[]> {
  const bag: Record<string, string | string[]> = {};
  for (const pair of query ? query.split('&') : []) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : safeDecode(pair.slice(eq + 1));
    const held = bag[name];
    bag[name] = held === undefined ? value : Array.isArray(held) ? [...held, value] : [held, value];
  }
  return bag;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Verifies the signature of `request` with `secretAccessKey`; throws InvalidSignatureException
 * (AWS's text) when it does not match. The caller has run checkScopeAndTime.
 */
export async function verifySignature(request: SignedRequest, parts: SignatureParts, accessKeyId: string, secretAccessKey: string): Promise<void> {
  const signed = new Set(parts.signedHeaders);
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const bodyHash = request.body.length === 0 ? EMPTY_SHA256 : createHash('sha256').update(request.body).digest('hex');
  // The signer takes a signed x-amz-content-sha256 as the payload's hash: it must be the body's.
  if (headers['x-amz-content-sha256'] !== undefined && headers['x-amz-content-sha256'] !== bodyHash) throw new InvalidSignatureException(MISMATCH);
  const { scope } = parts;
  const signer = new (signing().SignatureV4)({ credentials: { accessKeyId, secretAccessKey }, region: scope.region, service: scope.service, sha256: Sha256, applyChecksum: false });
  const toSign = { method: request.method, protocol: 'http:', hostname: '', path: request.path, query: queryBag(request.query), headers, body: request.body };
  const options = { signingDate: new Date(parseRequestTime(parts.requestTime)), signingRegion: scope.region, signingService: scope.service, signableHeaders: signed };
  let expected: string | undefined;
  if (parts.presigned) {
    // The signer hoists x-amz-* headers into the query when presigning; these arrived as headers.
    const presigned = await signer.presign(toSign, { ...options, expiresIn: parts.expires, unhoistableHeaders: signed });
    expected = presigned.query?.['X-Amz-Signature'] as string | undefined;
  } else {
    const authorization = (await signer.sign(toSign, options)).headers.authorization;
    expected = /Signature=([0-9a-f]+)/.exec(authorization)?.[1];
  }
  const given = Buffer.from(parts.signature, 'utf8');
  const wanted = Buffer.from(expected ?? '', 'utf8');
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) throw new InvalidSignatureException(MISMATCH);
}
