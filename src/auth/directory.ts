// The IAM directory: the principals of the seed files' `iam` section (and the default `test`
// / `test` root key), and the sessions STS issues for them. It is configuration, built at start
// from the seeds: it is not in the store, and a reset leaves it as it is. Sessions live in their
// tokens (sessions.ts), so the directory holds no state of its own beyond the seeds.
import { rootPrincipal, type Principal } from '../pipeline/context';
import type { Sealer } from '../store/sealing';
import type { PolicyDocument } from './policy/grammar';
import { accountOfTemporaryKey, isTemporaryKey, issueSession, openSession } from './sessions';
import type { IamDirectory, KeyOwner, RoleRecord } from './types';

/** The access key (and secret) that is the root of the default account unless a seed says `defaultCredentials: false`. */
export const DEFAULT_ACCESS_KEY = 'test';

/** An ARN without its partition: the directory answers for `arn:aws:` and `arn:aws-cn:` alike. */
const withoutPartition = (arn: string): string => arn.replace(/^arn:[^:]+:/, '');

/** The directory with the methods the `iam` seeder fills it through. */
export interface Directory extends IamDirectory {
  /** Adds a long-term access key; throws if the directory knows it already. */
  addKey(accessKeyId: string, owner: KeyOwner): void;
  /** Declares a user or role (by ARN) with its inline identity policies; throws if it is declared already. */
  declare(arn: string, policies: PolicyDocument[]): void;
  addRole(role: RoleRecord): void;
  /** Turns the default `test` key off (a seed's `defaultCredentials: false`). */
  disableDefaultCredentials(): void;
  readonly defaultCredentials: boolean;
}

export function createDirectory(options: { sealer: Sealer; defaultAccount: string }): Directory {
  const { sealer, defaultAccount } = options;
  const keys = new Map<string, KeyOwner>();
  const policies = new Map<string, PolicyDocument[]>();
  const roles = new Map<string, RoleRecord>();
  let defaultOwner: KeyOwner | undefined = { secretAccessKey: DEFAULT_ACCESS_KEY, principal: rootPrincipal(defaultAccount, DEFAULT_ACCESS_KEY) };

  const longTerm = (accessKeyId: string): KeyOwner | undefined => keys.get(accessKeyId) ?? (accessKeyId === DEFAULT_ACCESS_KEY ? defaultOwner : undefined);

  return {
    owner(accessKeyId, sessionToken, now) {
      if (sessionToken !== undefined) return openSession(sealer, accessKeyId, sessionToken, now);
      // A temporary key is nothing without its token.
      return isTemporaryKey(accessKeyId) ? undefined : longTerm(accessKeyId);
    },
    identityPolicies(principal: Principal) {
      if (principal.type === 'Root') return [];
      return policies.get(withoutPartition(principal.type === 'IAMUser' ? principal.arn : principal.principalArn)) ?? [];
    },
    role: (arn) => roles.get(withoutPartition(arn)),
    accountOfKey: (accessKeyId) => longTerm(accessKeyId)?.principal.accountId ?? accountOfTemporaryKey(accessKeyId),
    issue: (principal, expiration) => issueSession(sealer, principal, expiration),

    addKey(accessKeyId, owner) {
      if (accessKeyId === DEFAULT_ACCESS_KEY && defaultOwner) throw new Error(`access key ${DEFAULT_ACCESS_KEY} is the default credentials' (set defaultCredentials: false to declare it)`);
      if (keys.has(accessKeyId)) throw new Error(`access key ${accessKeyId} is declared twice`);
      keys.set(accessKeyId, owner);
    },
    declare(arn, documents) {
      const key = withoutPartition(arn);
      if (policies.has(key)) throw new Error(`${arn} is declared twice`);
      policies.set(key, documents);
    },
    addRole: (role) => void roles.set(withoutPartition(role.arn), role),
    disableDefaultCredentials() {
      defaultOwner = undefined;
    },
    get defaultCredentials() {
      return defaultOwner !== undefined;
    },
  };
}
