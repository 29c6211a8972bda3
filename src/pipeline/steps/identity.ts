// Who is calling and where, from the SigV4 Authorization header (or a presigned query): the
// credential scope picks the region; the access key (and session token) picks the principal.
// In `open` mode no signature is verified: a key the IAM directory knows (or a session token
// Strongroom issued) names its user, role session or root, and any other key is the root of its
// account (a 12-digit access key id *is* the account; anything else is the default account).
// In `verify`, `audit` and `enforce` modes an unknown key is refused and the signature, its scope
// and its time are verified (auth/sigv4.ts). The error texts are AWS's.
import type { IncomingHttpHeaders } from 'node:http';
import { ALGORITHM, basicFormat, checkScopeAndTime, verifySignature, type SignatureParts } from '../../auth/sigv4';
import type { AuthMode, IamDirectory, KeyOwner } from '../../auth/types';
import { IncompleteSignatureException, InvalidSignatureException, MissingAuthenticationTokenException, UnrecognizedClientException } from '../../protocol/errors';
import { isRegionName, partition } from '../../regions';
import { rootPrincipal, type Principal } from '../context';

interface Identity {
  accessKeyId: string;
  region: string;
  sessionToken?: string;
  signature: SignatureParts;
  /** A presigned query's X-Amz-Expires, as given. */
  expires?: string;
}

export interface IdentityDefaults {
  accountId: string;
  region: string;
}

const HEADER_PARTS = ['Credential', 'Signature', 'SignedHeaders'];
const QUERY_PARTS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date'];
const DATE_SENTENCE = "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";
const ACCOUNT_ID = /^\d{12}$/;
/** A week: the longest a SigV4 signature (its signing key) stays valid. */
const MAX_EXPIRES = 604_800;

/** The account of an access key: a 12-digit access key id is that account, any other key is the default account's. */
export function accountOf(accessKeyId: string, defaultAccount: string): string {
  return ACCOUNT_ID.test(accessKeyId) ? accessKeyId : defaultAccount;
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => headers[name] as string | undefined;

/** The request time as SigV4 signs it: X-Amz-Date, else the Date header in basic format. */
function requestTime(headers: IncomingHttpHeaders): string {
  const amzDate = header(headers, 'x-amz-date');
  if (amzDate !== undefined) return amzDate;
  const date = Date.parse(headers.date ?? '');
  return Number.isNaN(date) ? (headers.date ?? '') : basicFormat(date);
}

/**
 * @param signingName the service the credential must be scoped to (`kms`, `secretsmanager`)
 * @param query the request's query string without `?`, if it has one
 */
function identify(headers: IncomingHttpHeaders, query: string | undefined, signingName: string, defaults: IdentityDefaults): Identity {
  const authorization = headers.authorization;
  let credential: string;
  let parts: Omit<SignatureParts, 'scope'>;
  let sessionToken: string | undefined;
  let expires: string | undefined;
  if (authorization !== undefined) {
    const params = headerParams(authorization, headers['x-amz-date'] !== undefined || headers.date !== undefined);
    credential = params.Credential;
    parts = { signedHeaders: params.SignedHeaders.split(';'), signature: params.Signature, requestTime: requestTime(headers), presigned: false };
    sessionToken = header(headers, 'x-amz-security-token');
  } else {
    const params = query === undefined ? undefined : new URLSearchParams(query);
    if (!params || !QUERY_PARTS.some((p) => params.has(p))) throw new MissingAuthenticationTokenException();
    const missing = QUERY_PARTS.filter((p) => !params.get(p));
    if (missing.length > 0) {
      throw new IncompleteSignatureException(
        `${missing.map((p) => `AWS query-string parameters must include '${p}'.`).join(' ')} Re-examine the query-string parameters.`,
      );
    }
    credential = params.get('X-Amz-Credential')!;
    parts = { signedHeaders: params.get('X-Amz-SignedHeaders')!.split(';'), signature: params.get('X-Amz-Signature')!, requestTime: params.get('X-Amz-Date')!, presigned: true };
    sessionToken = params.get('X-Amz-Security-Token') ?? undefined;
    expires = params.get('X-Amz-Expires') ?? undefined;
  }

  const scope = credential.split('/');
  if (scope.length !== 5) {
    throw new IncompleteSignatureException(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  const region = scope[2] || defaults.region;
  // Every (account, region) holds state of its own: a region that is not a name of AWS's
  // shape would open a new one for any string a client puts in its scope.
  if (!isRegionName(region)) throw new InvalidSignatureException(`Credential should be scoped to a valid region, not '${region}'. `);
  if (scope[3] !== signingName) throw new InvalidSignatureException(`Credential should be scoped to correct service: '${signingName}'. `);
  const signature: SignatureParts = Object.assign(parts, { scope: { date: scope[1], region: scope[2], service: scope[3], terminator: scope[4] } });
  return { accessKeyId: scope[0], region, sessionToken, signature, expires };
}

/** The layout every SDK writes, read in one match (anything else goes through the general reading below, which gives the same parameters for it). */
const SDK_LAYOUT = /^AWS4-HMAC-SHA256 Credential=([^\s,]+), ?SignedHeaders=([^\s,]+), ?Signature=([^\s,]+)$/;

/** The parameters of an `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header. */
function headerParams(authorization: string, hasDate: boolean): Record<'Credential' | 'Signature' | 'SignedHeaders', string> {
  const sdk = hasDate ? SDK_LAYOUT.exec(authorization) : null;
  if (sdk) return { Credential: sdk[1], SignedHeaders: sdk[2], Signature: sdk[3] };
  const space = authorization.indexOf(' ');
  const algorithm = space < 0 ? authorization : authorization.slice(0, space);
  const params: Record<string, string> = { Credential: '', Signature: '', SignedHeaders: '' };
  if (algorithm === ALGORITHM) {
    for (const raw of authorization.slice(algorithm.length).split(',')) {
      const part = raw.trim();
      if (part === '') continue;
      const eq = part.indexOf('=');
      if (eq < 0) {
        throw new IncompleteSignatureException(
          `'${part}' not a valid key=value pair (missing equal-sign) in Authorization header: '${authorization}'.`,
        );
      }
      const key = part.slice(0, eq).trim();
      if (Object.hasOwn(params, key)) params[key] = part.slice(eq + 1).trim();
    }
  }
  if (params.Credential && params.Signature && params.SignedHeaders && hasDate) return params as Record<'Credential' | 'Signature' | 'SignedHeaders', string>;
  const missing = HEADER_PARTS.filter((p) => !params[p]).map((p) => `Authorization header requires '${p}' parameter.`);
  if (!hasDate) missing.push(DATE_SENTENCE);
  throw new IncompleteSignatureException(`${missing.join(' ')} Authorization=${authorization}`);
}

/** What a caller presents: a SigV4-signed HTTP request, or (in process) a principal already known. */
export type Credentials =
  | { kind: 'sigv4'; method: string; path: string; headers: IncomingHttpHeaders; query?: string; body: Buffer }
  | { kind: 'principal'; principal: Principal; accountId?: string; region: string };

/** What the identity step needs of access control: the mode, and the directory of principals. */
export interface IdentityAuth {
  mode: AuthMode;
  directory: IamDirectory;
}

/** The directory's principals are written in the `aws` partition; a request in another speaks its own. */
function inPartition(principal: Principal, name: string): Principal {
  if (name === 'aws') return principal;
  const rewrite = (arn: string) => arn.replace(/^arn:aws:/, `arn:${name}:`);
  return { ...principal, arn: rewrite(principal.arn), principalArn: rewrite(principal.principalArn) };
}

/** Open mode: who a key names if the directory knows it (a bad or expired token names no one: open mode refuses nothing). */
function knownOwner(directory: IamDirectory, id: Identity, now: Date): KeyOwner | undefined {
  try {
    return directory.owner(id.accessKeyId, id.sessionToken, now);
  } catch {
    return undefined;
  }
}

/** A presigned query's X-Amz-Expires: required to verify it, whole seconds, at most a week. */
function expiresOf(id: Identity): number | undefined {
  if (!id.signature.presigned) return undefined;
  if (id.expires === undefined) throw new IncompleteSignatureException("AWS query-string parameters must include 'X-Amz-Expires'. Re-examine the query-string parameters.");
  if (!/^\d+$/.test(id.expires)) throw new IncompleteSignatureException('X-Amz-Expires should be a number');
  const seconds = Number(id.expires);
  if (seconds > MAX_EXPIRES) {
    throw new IncompleteSignatureException(`X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than ${MAX_EXPIRES} seconds`);
  }
  return seconds;
}

/**
 * The identity step: who calls, in which account and region. In-process callers are who they
 * say. `now` is the emulated time (session tokens expire on it); a signature's time is checked
 * against real time.
 */
export function identityStep(
  credentials: Credentials,
  signingName: string,
  defaults: IdentityDefaults,
  auth: IdentityAuth | undefined,
  now: Date,
): Identified {
  if (credentials.kind === 'principal') return credentials;
  const id = identify(credentials.headers, credentials.query, signingName, defaults);
  const partitionName = partition(id.region);
  if (!auth || auth.mode === 'open') {
    const owner = auth && knownOwner(auth.directory, id, now);
    const principal = owner ? inPartition(owner.principal, partitionName) : rootPrincipal(accountOf(id.accessKeyId, defaults.accountId), id.accessKeyId, partitionName);
    return { principal, region: id.region };
  }
  const owner = auth.directory.owner(id.accessKeyId, id.sessionToken, now);
  if (!owner) throw new UnrecognizedClientException();
  const { signature } = id;
  signature.expires = expiresOf(id);
  checkScopeAndTime(signature, Date.now());
  verifySignature(credentials, signature, id.accessKeyId, owner.secretAccessKey);
  return { principal: inPartition(owner.principal, partitionName), region: id.region };
}

/** Who calls and where. */
type Identified = { principal: Principal; region: string };
