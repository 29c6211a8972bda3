import type { DeleteCustomKeyStoreRequest, DeleteCustomKeyStoreResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { deleteKeyStore } from '../custom-key-stores';

export async function DeleteCustomKeyStore(ctx: KmsContext, input: DeleteCustomKeyStoreRequest): Promise<DeleteCustomKeyStoreResponse> {
  await deleteKeyStore(ctx, input.CustomKeyStoreId);
  return {};
}
