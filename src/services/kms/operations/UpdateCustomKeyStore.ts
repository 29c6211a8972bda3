import type { UpdateCustomKeyStoreRequest, UpdateCustomKeyStoreResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { updateKeyStore } from '../custom-key-stores';

export async function UpdateCustomKeyStore(ctx: KmsContext, input: UpdateCustomKeyStoreRequest): Promise<UpdateCustomKeyStoreResponse> {
  await updateKeyStore(ctx, input);
  return {};
}
