import type { ListKeyPoliciesRequest, ListKeyPoliciesResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { findOwnKey } from '../management';
import { DEFAULT_POLICY_NAME } from '../policy';

export async function ListKeyPolicies(ctx: KmsContext, input: ListKeyPoliciesRequest): Promise<ListKeyPoliciesResponse> {
  await findOwnKey(ctx, input.KeyId);
  // A key has exactly one policy, named "default".
  return { PolicyNames: [DEFAULT_POLICY_NAME], Truncated: false };
}
