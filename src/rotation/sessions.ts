// Who a rotation function acts as. A function the seed gives an execution role (`role:`) acts
// as a session of that role, as a Lambda function does, so its calls are authorized like any
// other; one without acts as its account's root. In open mode a root function keeps the
// 12-digit access key that names its account (nothing verifies it); in the verifying modes it
// gets real temporary credentials, since a made-up key would be refused.
import { ownSessionPrincipal, roleFromArn, roleSessionPrincipal } from '../auth/principals';
import type { AuthMode, IamDirectory } from '../auth/types';
import { rootPrincipal } from '../pipeline/context';
import { partition } from '../regions';
import type { FunctionSession, FunctionSessionRequest } from './functions';

/** Lambda's role credentials last hours; a rotation step ends long before. */
const SESSION_SECONDS = 12 * 3600;

export function functionSessions(mode: AuthMode, directory: IamDirectory): (request: FunctionSessionRequest) => FunctionSession {
  return ({ accountId, region, role, functionName, now }): FunctionSession => {
    const expiresAt = new Date(now.getTime() + SESSION_SECONDS * 1000);
    const root = rootPrincipal(accountId, accountId, partition(region));
    if (!role && mode === 'open') return { principal: root, credentials: { AWS_ACCESS_KEY_ID: accountId, AWS_SECRET_ACCESS_KEY: 'strongroom' } };
    const record = role ? (directory.role(role) ?? roleFromArn(role)) : undefined;
    const principal = record ? roleSessionPrincipal(record, { sessionName: functionName, now, expiresAt }) : ownSessionPrincipal(root, now, expiresAt);
    const issued = directory.issue(principal, expiresAt);
    return {
      principal: { ...principal, accessKeyId: issued.accessKeyId },
      credentials: { AWS_ACCESS_KEY_ID: issued.accessKeyId, AWS_SECRET_ACCESS_KEY: issued.secretAccessKey, AWS_SESSION_TOKEN: issued.sessionToken },
    };
  };
}
