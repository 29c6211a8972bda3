import type { DeleteImportedKeyMaterialRequest, DeleteImportedKeyMaterialResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { checkExternal, withoutMaterial } from '../imports';
import { changeCustomerKey } from '../management';

export async function DeleteImportedKeyMaterial(ctx: KmsContext, input: DeleteImportedKeyMaterialRequest): Promise<DeleteImportedKeyMaterialResponse> {
  // Any state but PendingDeletion (FIDELITY B4). The material is purged from the files and from memory.
  const result = await changeCustomerKey(ctx, input.KeyId, 'DeleteImportedKeyMaterial', 'manage', (key) => {
    checkExternal(key);
    const materialId = key.keySpec === 'SYMMETRIC_DEFAULT' ? key.currentMaterialId : undefined;
    return { ops: withoutMaterial(ctx.kms, key), result: { KeyId: key.arn, KeyMaterialId: materialId } };
  });
  ctx.kms.vault.forget(result.KeyId);
  return result;
}
