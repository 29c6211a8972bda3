import type { DisableKeyRotationRequest } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { setAutomaticRotation } from '../rotation';

export async function DisableKeyRotation(ctx: KmsContext, input: DisableKeyRotationRequest): Promise<void> {
  // Removes the scheduled rotation; material from earlier rotations stays on the key.
  await setAutomaticRotation(ctx, input.KeyId, 'DisableKeyRotation', () => undefined);
}
