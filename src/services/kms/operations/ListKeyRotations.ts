import type { ListKeyRotationsRequest, ListKeyRotationsResponse } from '../../../protocol/generated/kms';
import { InvalidMarkerException } from '../../../protocol/errors';
import type { KmsContext } from '../context';
import { findOwnKey } from '../management';
import { DEFAULT_LIMIT, paginate } from '../paging';
import { checkRotatable, rotationEntries } from '../rotation';

export async function ListKeyRotations(ctx: KmsContext, input: ListKeyRotationsRequest): Promise<ListKeyRotationsResponse> {
  // Any key state; keys of the caller's account that rotate (imported keys too).
  const key = await findOwnKey(ctx, input.KeyId);
  checkRotatable(key, true);
  const entries = rotationEntries(key, input.IncludeKeyMaterial === 'ALL_KEY_MATERIAL');
  // The marker is the last KeyMaterialId listed.
  const start = input.Marker === undefined ? 0 : entries.findIndex((e) => e.KeyMaterialId === input.Marker) + 1;
  if (start === 0 && input.Marker !== undefined) throw new InvalidMarkerException('Invalid marker');
  const limit = input.Limit ?? DEFAULT_LIMIT;
  const { items, NextMarker, Truncated } = paginate(entries.slice(start, start + limit + 1), limit, (e) => e.KeyMaterialId!);
  return { Rotations: items, NextMarker, Truncated };
}
