import type { CreateCustomKeyStoreRequest, CreateCustomKeyStoreResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { createKeyStore } from '../custom-key-stores';

export async function CreateCustomKeyStore(ctx: KmsContext, input: CreateCustomKeyStoreRequest): Promise<CreateCustomKeyStoreResponse> {
  return { CustomKeyStoreId: (await createKeyStore(ctx, input)).id };
}
