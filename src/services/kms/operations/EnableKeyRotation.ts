import type { EnableKeyRotationRequest } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { DEFAULT_ROTATION_DAYS, setAutomaticRotation } from '../rotation';

export async function EnableKeyRotation(ctx: KmsContext, input: EnableKeyRotationRequest): Promise<void> {
  // The model bounds RotationPeriodInDays to 90–2560. Enabling again keeps the date the period
  // runs from (enabling, or the last automatic rotation): a new period moves NextRotationDate.
  await setAutomaticRotation(ctx, input.KeyId, 'EnableKeyRotation', (key) => ({
    periodInDays: input.RotationPeriodInDays ?? DEFAULT_ROTATION_DAYS,
    since: key.rotation?.since ?? ctx.now.getTime(),
  }));
}
