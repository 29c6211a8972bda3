import type { ImportKeyMaterialRequest, ImportKeyMaterialResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { importMaterial } from '../imports';
import { changeCustomerKey } from '../management';

export async function ImportKeyMaterial(ctx: KmsContext, input: ImportKeyMaterialRequest): Promise<ImportKeyMaterialResponse> {
  // Any state but PendingDeletion (FIDELITY B4).
  return changeCustomerKey(ctx, input.KeyId, 'ImportKeyMaterial', 'manage', async (key) => {
    const { ops, materialId } = await importMaterial(ctx, key, input);
    // AWS reports a material id only for symmetric encryption keys.
    return { ops, result: { KeyId: key.arn, KeyMaterialId: key.keySpec === 'SYMMETRIC_DEFAULT' ? materialId : undefined } };
  });
}
