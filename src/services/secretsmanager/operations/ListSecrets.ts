import type { ListSecretsRequest, ListSecretsResponse } from '../../../protocol/generated/secretsmanager';
import type { SecretsManagerContext } from '../context';
import { listSecrets } from '../listing';
import { listEntry } from '../views';

const DEFAULT_MAX_RESULTS = 100;

export async function ListSecrets(ctx: SecretsManagerContext, input: ListSecretsRequest): Promise<ListSecretsResponse> {
  const { records, nextToken } = await listSecrets(ctx, {
    filters: input.Filters,
    includeDeleted: input.IncludePlannedDeletion,
    sortBy: input.SortBy,
    sortOrder: input.SortOrder,
    maxResults: input.MaxResults ?? DEFAULT_MAX_RESULTS,
    nextToken: input.NextToken,
  });
  return { SecretList: records.map(listEntry), NextToken: nextToken };
}
