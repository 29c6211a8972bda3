import type { DisableKeyRequest } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { changeCustomerKey, putChanged } from '../management';

export async function DisableKey(ctx: KmsContext, input: DisableKeyRequest): Promise<void> {
  // Disabling a disabled key succeeds, as on AWS.
  await changeCustomerKey(ctx, input.KeyId, 'DisableKey', 'toggle', (key) => putChanged(ctx, key, { state: 'Disabled' }));
}
