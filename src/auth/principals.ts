// The principals STS and rotation make: a role's session (AssumeRole, a rotation function's
// execution role) and a user's or root's own session (GetSessionToken, a rotation function
// without a role in the verifying modes).
import { createHash } from 'node:crypto';
import type { Principal } from '../pipeline/context';
import type { RoleRecord } from './types';

/** `arn:<partition>:iam::<account>:role/<path><name>`. */
const ROLE_ARN = /^arn:([\w-]+):iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,64})$/;

/** A stable IAM unique id (`AIDA…`, `AROA…`): the prefix and 17 characters of base32 from a hash of the ARN, 21 in all as AWS's. */
export function uniqueId(prefix: 'AIDA' | 'AROA', arn: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const digest = createHash('sha256').update(arn).digest();
  let id = prefix;
  for (let i = 0; i < 17; i++) id += alphabet[digest[i] % 32];
  return id;
}

/** The parts of a role ARN, or undefined when it is not one. */
export function parseRoleArn(arn: string): { partition: string; accountId: string; name: string } | undefined {
  const match = ROLE_ARN.exec(arn);
  return match ? { partition: match[1], accountId: match[2], name: match[3] } : undefined;
}

/** A role the directory does not know (open and verify modes let it be assumed), as its ARN describes it. */
export function roleFromArn(arn: string): RoleRecord | undefined {
  const parts = parseRoleArn(arn);
  if (!parts) return undefined;
  return { name: parts.name, accountId: parts.accountId, arn, roleId: uniqueId('AROA', arn), trustPolicy: { Statement: [] }, maxSessionDuration: 3600, tags: {} };
}

export interface SessionOptions {
  sessionName: string;
  now: Date;
  expiresAt: Date;
  /** Session tags: they override the role's tags of the same key. */
  tags?: Record<string, string>;
  /** Session policies (JSON texts). */
  policies?: string[];
}

/** The principal of a session of `role` (its access key is filled in when credentials are issued). */
export function roleSessionPrincipal(role: RoleRecord, options: SessionOptions): Principal {
  const arn = `arn:${partitionOfArn(role.arn)}:sts::${role.accountId}:assumed-role/${role.name}/${options.sessionName}`;
  return {
    accessKeyId: '',
    accountId: role.accountId,
    type: 'AssumedRole',
    arn,
    principalArn: role.arn,
    principalId: `${role.roleId}:${options.sessionName}`,
    tags: { ...role.tags, ...options.tags },
    sessionPolicies: options.policies?.length ? options.policies : undefined,
    session: { issuerArn: role.arn, issuerPrincipalId: role.roleId, issuerType: 'Role', createdAt: options.now.toISOString(), expiresAt: options.expiresAt.toISOString() },
  };
}

/** A user's or root's own session (GetSessionToken): the same principal, marked as a session. */
export function ownSessionPrincipal(principal: Principal, now: Date, expiresAt: Date): Principal {
  const issuerType = principal.type === 'Root' ? 'Root' : 'IAMUser';
  return { ...principal, session: { issuerArn: principal.arn, issuerPrincipalId: principal.principalId, issuerType, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() } };
}

const partitionOfArn = (arn: string) => arn.split(':')[1];
