import type { EnableKeyRequest } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { changeCustomerKey, putChanged } from '../management';

export async function EnableKey(ctx: KmsContext, input: EnableKeyRequest): Promise<void> {
  // Enabled and Disabled keys only: PendingDeletion / PendingImport → KMSInvalidStateException.
  await changeCustomerKey(ctx, input.KeyId, 'EnableKey', 'toggle', (key) => putChanged(ctx, key, { state: 'Enabled' }));
}
