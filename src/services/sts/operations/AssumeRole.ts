import { roleSessionPrincipal } from '../../../auth/principals';
import { ValidationException } from '../../../protocol/errors';
import type { AssumeRoleRequest, AssumeRoleResponse } from '../../../protocol/generated/sts';
import type { StsContext } from '../context';
import { credentialsOf } from '../credentials';
import { packedPolicySize } from '../packing';
import { checkSessionPolicy, roleOf } from '../roles';

/** AWS's default DurationSeconds, and the most a role session may ask for when it assumes a role (role chaining). */
const ONE_HOUR = 3600;

/**
 * Temporary credentials of a session of the role. Whether the caller may assume it (the trust
 * policy) is the authorize step's (authorization.ts); the session policy bounds the session,
 * its tags override the role's. PolicyArns are accepted and not evaluated (no managed policies).
 */
export function AssumeRole(ctx: StsContext, input: AssumeRoleRequest): AssumeRoleResponse {
  const { role } = roleOf(ctx, input.RoleArn);
  const duration = input.DurationSeconds ?? ONE_HOUR;
  if (ctx.principal.type === 'AssumedRole' && duration > ONE_HOUR) {
    throw new ValidationException('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  }
  if (duration > role.maxSessionDuration) throw new ValidationException('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  if (input.Policy !== undefined) checkSessionPolicy(input.Policy);
  const tags = Object.fromEntries((input.Tags ?? []).map((tag) => [tag.Key, tag.Value]));
  const packed = packedPolicySize(input.Policy, (input.PolicyArns ?? []).map((p) => p.arn ?? ''), tags);
  const expiration = new Date(ctx.now.getTime() + duration * 1000);
  const principal = roleSessionPrincipal(role, {
    sessionName: input.RoleSessionName,
    now: ctx.now,
    expiresAt: expiration,
    tags,
    policies: input.Policy === undefined ? undefined : [input.Policy],
  });
  return {
    Credentials: credentialsOf(ctx.sts.directory.issue(principal, expiration)),
    AssumedRoleUser: { AssumedRoleId: principal.principalId, Arn: principal.arn },
    PackedPolicySize: packed,
    SourceIdentity: input.SourceIdentity,
  };
}
