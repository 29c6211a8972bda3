// Who is calling and where, from the SigV4 Authorization header (or a presigned query):
// the access key picks the account (a 12-digit access key id *is* the account; anything else
// is the default account), the credential scope picks the region. Default mode accepts any
// well-formed signature; verifying it is strict mode's job.
import { IncompleteSignatureException, MissingAuthenticationTokenException } from '../protocol/errors';

export interface Identity {
  accessKeyId: string;
  accountId: string;
  region: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const ACCOUNT_ID = /^\d{12}$/;

function parseCredential(credential: string, authorization: string): { accessKeyId: string; region: string } {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts.some((p) => p === '') || parts[4] !== 'aws4_request') {
    throw new IncompleteSignatureException(
      `Credential should be scoped to a valid region. Authorization=${authorization}`,
    );
  }
  return { accessKeyId: parts[0], region: parts[2] };
}

export function identify(authorization: string | undefined, query: URLSearchParams | undefined, defaultAccount: string): Identity {
  let credential: string | undefined;
  if (authorization !== undefined) {
    const params = new Map<string, string>();
    const space = authorization.indexOf(' ');
    const algorithm = space < 0 ? authorization : authorization.slice(0, space);
    for (const part of authorization.slice(space + 1).split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
    const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((p) => !params.get(p));
    if (algorithm !== ALGORITHM || missing.length > 0) {
      const what = algorithm !== ALGORITHM ? ['Credential', 'Signature', 'SignedHeaders'] : missing;
      throw new IncompleteSignatureException(
        what.map((p) => `Authorization header requires '${p}' parameter.`).join(' ') + ` Authorization=${authorization}`,
      );
    }
    credential = params.get('Credential')!;
    const { accessKeyId, region } = parseCredential(credential, authorization);
    return { accessKeyId, region, accountId: ACCOUNT_ID.test(accessKeyId) ? accessKeyId : defaultAccount };
  }
  credential = query?.get('X-Amz-Credential') ?? undefined;
  if (credential) {
    const { accessKeyId, region } = parseCredential(credential, credential);
    return { accessKeyId, region, accountId: ACCOUNT_ID.test(accessKeyId) ? accessKeyId : defaultAccount };
  }
  throw new MissingAuthenticationTokenException();
}
