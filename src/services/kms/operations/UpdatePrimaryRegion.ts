import type { UpdatePrimaryRegionRequest } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { updatePrimaryRegion } from '../multi-region';

export function UpdatePrimaryRegion(ctx: KmsContext, input: UpdatePrimaryRegionRequest): Promise<void> {
  return updatePrimaryRegion(ctx, input.KeyId, input.PrimaryRegion);
}
