import type { GetKeyPolicyRequest, GetKeyPolicyResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { findOwnKey } from '../management';
import { checkPolicyName, DEFAULT_POLICY_NAME } from '../policy';

export async function GetKeyPolicy(ctx: KmsContext, input: GetKeyPolicyRequest): Promise<GetKeyPolicyResponse> {
  const key = await findOwnKey(ctx, input.KeyId);
  checkPolicyName(input.PolicyName);
  // The stored text, verbatim: AWS returns a policy exactly as it was put.
  return { Policy: key.policy, PolicyName: DEFAULT_POLICY_NAME };
}
