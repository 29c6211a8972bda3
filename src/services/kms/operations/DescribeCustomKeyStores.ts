import type { DescribeCustomKeyStoresRequest, DescribeCustomKeyStoresResponse } from '../../../protocol/generated/kms';
import { ValidationException } from '../../../protocol/errors';
import type { KmsContext } from '../context';
import { findKeyStore, findKeyStoreByName, keyStoreEntry, listKeyStores } from '../custom-key-stores';
import { DEFAULT_LIMIT, paginate } from '../paging';

export async function DescribeCustomKeyStores(ctx: KmsContext, input: DescribeCustomKeyStoresRequest): Promise<DescribeCustomKeyStoresResponse> {
  if (input.CustomKeyStoreId !== undefined && input.CustomKeyStoreName !== undefined) {
    throw new ValidationException('You can specify either CustomKeyStoreId or CustomKeyStoreName, but not both.');
  }
  if (input.CustomKeyStoreId !== undefined) return { CustomKeyStores: [keyStoreEntry(await findKeyStore(ctx, input.CustomKeyStoreId))], Truncated: false };
  if (input.CustomKeyStoreName !== undefined) return { CustomKeyStores: [keyStoreEntry(await findKeyStoreByName(ctx, input.CustomKeyStoreName))], Truncated: false };
  // Stores sort by id; the marker is the last id listed.
  const limit = input.Limit ?? DEFAULT_LIMIT;
  const { items, NextMarker, Truncated } = paginate(await listKeyStores(ctx, input.Marker, limit + 1), limit, (store) => store.id);
  return { CustomKeyStores: items.map(keyStoreEntry), NextMarker, Truncated };
}
