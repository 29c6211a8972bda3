import type { ListGrantsResponse, ListRetirableGrantsRequest } from '../../../protocol/generated/kms';
import { ValidationException } from '../../../protocol/errors';
import type { KmsContext } from '../context';
import { grantEntry, grantRepository } from '../grants';
import { DEFAULT_LIMIT, paginate } from '../paging';

export async function ListRetirableGrants(ctx: KmsContext, input: ListRetirableGrantsRequest): Promise<ListGrantsResponse> {
  const principal = input.RetiringPrincipal ?? input.RetiringServicePrincipal;
  if (principal === undefined) throw new ValidationException('Either RetiringPrincipal or RetiringServicePrincipal must be specified.');
  const grants = grantRepository(ctx.kms);
  const limit = input.Limit ?? DEFAULT_LIMIT;
  // The grants of every key of the caller's account and region that name this retiring
  // principal, from the index; the marker is "<keyId> <grantId>" of the last one listed.
  const refs = await grants.retiring(ctx.accountId, ctx.region).range({ gt: `${principal} ${input.Marker ?? ''}`, lt: `${principal}!`, limit: limit + 1 });
  const records = await grants.grants(ctx.accountId, ctx.region).getMany(refs.map(([, ref]) => ref));
  const found = records.filter((grant) => grant !== undefined);
  const { items, NextMarker, Truncated } = paginate(found, limit, (grant) => `${grant.keyId} ${grant.grantId}`);
  return { Grants: items.map(grantEntry), NextMarker, Truncated };
}
