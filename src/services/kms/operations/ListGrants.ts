import type { ListGrantsRequest, ListGrantsResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { grantEntry, grantRepository } from '../grants';
import { DEFAULT_LIMIT, paginate } from '../paging';

export async function ListGrants(ctx: KmsContext, input: ListGrantsRequest): Promise<ListGrantsResponse> {
  // Any key state (FIDELITY B4); key id or key ARN, as AWS documents for this operation.
  const key = await ctx.kms.findKey(ctx, input.KeyId);
  const grants = grantRepository(ctx.kms);
  const limit = input.Limit ?? DEFAULT_LIMIT;
  const filtered = input.GrantId !== undefined || input.GranteePrincipal !== undefined || input.GranteeServicePrincipal !== undefined;
  // Grants sort by id; the marker is the last id listed. Filters read the key's grants after the marker.
  const fetched = await grants.ofKey(key, { after: input.Marker, limit: filtered ? undefined : limit + 1 });
  const matching = fetched.filter(
    (grant) =>
      (input.GrantId === undefined || grant.grantId === input.GrantId) &&
      (input.GranteePrincipal === undefined || grant.granteePrincipal === input.GranteePrincipal) &&
      (input.GranteeServicePrincipal === undefined || grant.granteeServicePrincipal === input.GranteeServicePrincipal),
  );
  const { items, NextMarker, Truncated } = paginate(matching.slice(0, limit + 1), limit, (grant) => grant.grantId);
  return { Grants: items.map(grantEntry), NextMarker, Truncated };
}
