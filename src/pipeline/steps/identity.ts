// Who is calling and where, from the SigV4 Authorization header (or a presigned query):
// the access key picks the account (a 12-digit access key id *is* the account; anything else
// is the default account), the credential scope picks the region. Default mode accepts any
// well-formed signature; verifying it is strict mode's job. The error texts are AWS's.
import type { IncomingHttpHeaders } from 'node:http';
import { IncompleteSignatureException, InvalidSignatureException, MissingAuthenticationTokenException } from '../../protocol/errors';
import { isRegionName } from '../../regions';
import type { Principal } from '../context';

interface Identity {
  accessKeyId: string;
  accountId: string;
  region: string;
}

export interface IdentityDefaults {
  accountId: string;
  region: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const HEADER_PARTS = ['Credential', 'Signature', 'SignedHeaders'];
const QUERY_PARTS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date'];
const DATE_SENTENCE = "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";
const ACCOUNT_ID = /^\d{12}$/;

/** The account of an access key: a 12-digit access key id is that account, any other key is the default account's. */
export function accountOf(accessKeyId: string, defaultAccount: string): string {
  return ACCOUNT_ID.test(accessKeyId) ? accessKeyId : defaultAccount;
}

/**
 * @param signingName the service the credential must be scoped to (`kms`, `secretsmanager`)
 * @param query the request's query string without `?`, if it has one
 */
function identify(headers: IncomingHttpHeaders, query: string | undefined, signingName: string, defaults: IdentityDefaults): Identity {
  const authorization = headers.authorization;
  let credential: string;
  if (authorization !== undefined) {
    credential = credentialFromHeader(authorization, headers['x-amz-date'] !== undefined || headers.date !== undefined);
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
  const accessKeyId = scope[0];
  return { accessKeyId, accountId: accountOf(accessKeyId, defaults.accountId), region };
}

/** The Credential parameter of an `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header. */
function credentialFromHeader(authorization: string, hasDate: boolean): string {
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
  if (params.Credential && params.Signature && params.SignedHeaders && hasDate) return params.Credential;
  const missing = HEADER_PARTS.filter((p) => !params[p]).map((p) => `Authorization header requires '${p}' parameter.`);
  if (!hasDate) missing.push(DATE_SENTENCE);
  throw new IncompleteSignatureException(`${missing.join(' ')} Authorization=${authorization}`);
}

/** What a caller presents: a SigV4-signed HTTP request, or (in process) a principal already known. */
export type Credentials =
  | { kind: 'sigv4'; headers: IncomingHttpHeaders; query?: string }
  | { kind: 'principal'; principal: Principal; region: string };

/** The identity step: who calls, in which account and region (strict mode will verify signatures here). */
export function identityStep(credentials: Credentials, signingName: string, defaults: IdentityDefaults): { principal: Principal; region: string } {
  if (credentials.kind === 'principal') return credentials;
  const { accessKeyId, accountId, region } = identify(credentials.headers, credentials.query, signingName, defaults);
  return { principal: { accessKeyId, accountId }, region };
}
