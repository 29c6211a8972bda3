import type { PutKeyPolicyRequest } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { changeCustomerKey, putChanged } from '../management';
import { checkKeyPolicy, checkPolicyName } from '../policy';

export async function PutKeyPolicy(ctx: KmsContext, input: PutKeyPolicyRequest): Promise<void> {
  // BypassPolicyLockoutSafetyCheck is accepted; Strongroom has no lockout check to bypass.
  await changeCustomerKey(ctx, input.KeyId, 'PutKeyPolicy', 'any', (key) => {
    checkPolicyName(input.PolicyName);
    checkKeyPolicy(input.Policy);
    return putChanged(ctx, key, { policy: input.Policy });
  });
}
