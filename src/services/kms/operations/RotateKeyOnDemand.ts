import type { RotateKeyOnDemandRequest, RotateKeyOnDemandResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { checkState } from '../keys';
import { changeRelated, shareRotation } from '../multi-region';
import { checkRotatable, rotateKeyEvent, rotateOnDemand } from '../rotation';

export async function RotateKeyOnDemand(ctx: KmsContext, input: RotateKeyOnDemandRequest): Promise<RotateKeyOnDemandResponse> {
  // Key type before state: an EXTERNAL key without material is `<arn> is pending import.` (recorded).
  // A multi-Region key's related keys get the new material in the same batch (shared material).
  const { result, event } = await changeRelated(ctx, input.KeyId, 'RotateKeyOnDemand', async (key, related) => {
    checkRotatable(key, true);
    checkState(key, 'use');
    // On-demand rotation leaves the automatic schedule as it is (AWS).
    const rotated = await rotateOnDemand(ctx.kms, key, ctx.now.getTime());
    return { ops: [ctx.kms.putKey(rotated), ...shareRotation(ctx.kms, rotated, related)], result: { result: { KeyId: key.arn }, event: rotateKeyEvent(key, rotated, ctx.now) } };
  });
  // The rotation completes at once: so does KMS's RotateKey service event, once it is committed.
  await ctx.kms.deps.audit.record(event);
  return result;
}
