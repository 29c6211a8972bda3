import type { RotateKeyOnDemandRequest, RotateKeyOnDemandResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { checkState } from '../keys';
import { changeCustomerKey } from '../management';
import { checkRotatable, rotateOnDemand } from '../rotation';

export async function RotateKeyOnDemand(ctx: KmsContext, input: RotateKeyOnDemandRequest): Promise<RotateKeyOnDemandResponse> {
  // Key type before state: an EXTERNAL key without material is `<arn> is pending import.` (recorded).
  return changeCustomerKey(ctx, input.KeyId, 'RotateKeyOnDemand', 'any', async (key) => {
    checkRotatable(key, true);
    checkState(key, 'use');
    // On-demand rotation leaves the automatic schedule as it is (AWS).
    return { ops: [ctx.kms.putKey(await rotateOnDemand(ctx.kms, key, ctx.now.getTime()))], result: { KeyId: key.arn } };
  });
}
