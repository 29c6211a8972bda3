import type { GetKeyRotationStatusRequest, GetKeyRotationStatusResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { checkRotatable, rotationStatus } from '../rotation';

export async function GetKeyRotationStatus(ctx: KmsContext, input: GetKeyRotationStatusRequest): Promise<GetKeyRotationStatusResponse> {
  // Any key state; keys of other accounts too (AWS: cross-account use yes). Keys that cannot
  // rotate automatically answer UnsupportedOperationException (FIDELITY B4).
  const key = await ctx.kms.findKey(ctx, input.KeyId);
  checkRotatable(key);
  return rotationStatus(key);
}
