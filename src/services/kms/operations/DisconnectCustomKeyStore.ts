import type { DisconnectCustomKeyStoreRequest, DisconnectCustomKeyStoreResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { disconnectKeyStore } from '../custom-key-stores';

export async function DisconnectCustomKeyStore(ctx: KmsContext, input: DisconnectCustomKeyStoreRequest): Promise<DisconnectCustomKeyStoreResponse> {
  await disconnectKeyStore(ctx, input.CustomKeyStoreId);
  return {};
}
