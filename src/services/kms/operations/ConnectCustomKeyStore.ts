import type { ConnectCustomKeyStoreRequest, ConnectCustomKeyStoreResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { connectKeyStore } from '../custom-key-stores';

export async function ConnectCustomKeyStore(ctx: KmsContext, input: ConnectCustomKeyStoreRequest): Promise<ConnectCustomKeyStoreResponse> {
  await connectKeyStore(ctx, input.CustomKeyStoreId);
  return {};
}
