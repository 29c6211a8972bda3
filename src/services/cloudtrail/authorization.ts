// What a CloudTrail call needs to be allowed (docs/access-control.md): LookupEvents is
// cloudtrail:LookupEvents on `*` (it has no resource-level permissions on AWS), in the caller's account.
import type { AuthorizationTarget } from '../../auth/types';
import type { CloudTrailContext } from './context';

export async function authorizeCloudTrail(ctx: CloudTrailContext, operation: string): Promise<AuthorizationTarget[]> {
  return [{ action: `cloudtrail:${operation}`, resource: '*', resourceAccount: ctx.accountId, conditions: {} }];
}
