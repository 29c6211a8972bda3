import type { GetCallerIdentityRequest, GetCallerIdentityResponse } from '../../../protocol/generated/sts';
import type { StsContext } from '../context';

/** Who signed the request: the identity step's principal (in open mode, the root of the access key's account). */
export function GetCallerIdentity(ctx: StsContext, _input: GetCallerIdentityRequest): GetCallerIdentityResponse {
  const { principal } = ctx;
  return { UserId: principal.principalId, Account: principal.accountId, Arn: principal.arn };
}
