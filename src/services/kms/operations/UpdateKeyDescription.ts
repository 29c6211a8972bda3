import type { UpdateKeyDescriptionRequest } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { changeCustomerKey, putChanged } from '../management';

export async function UpdateKeyDescription(ctx: KmsContext, input: UpdateKeyDescriptionRequest): Promise<void> {
  await changeCustomerKey(ctx, input.KeyId, 'UpdateKeyDescription', 'manage', (key) => putChanged(ctx, key, { description: input.Description }));
}
