import type { ListSecretVersionIdsRequest, ListSecretVersionIdsResponse } from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerContext } from '../context';
import { findSecret, repository } from '../secrets';
import { decodeToken, encodeToken } from '../tokens';

const DEFAULT_MAX_RESULTS = 100;

interface Position {
  createdAt: number;
  id: string;
}

export async function ListSecretVersionIds(ctx: SecretsManagerContext, input: ListSecretVersionIdsRequest): Promise<ListSecretVersionIdsResponse> {
  const record = await findSecret(ctx, input.SecretId!);
  const after = decodeToken<Position>(input.NextToken, (t) => typeof t.createdAt === 'number' && typeof t.id === 'string');
  // Versions in creation order; the next page starts after the token's version, or, if that one
  // was pruned since, after every version as old as it.
  const at = after ? record.versions.findIndex((v) => v.id === after.id) : -1;
  const rest = after && at < 0 ? record.versions.filter((v) => v.createdAt > after.createdAt) : record.versions.slice(at + 1);
  // Deprecated versions (no labels) only when asked for, as AWS.
  const listed = rest.filter((v) => input.IncludeDeprecated || v.stages.length > 0);
  const page = listed.slice(0, input.MaxResults ?? DEFAULT_MAX_RESULTS);
  const values = await repository(ctx.deps.store).getValues(record, page.map((v) => v.id));
  const last = page[page.length - 1];
  return {
    ARN: record.arn,
    Name: record.name,
    Versions: page.map((v, i) => ({
      VersionId: v.id,
      VersionStages: v.stages.length > 0 ? [...v.stages] : undefined,
      LastAccessedDate: v.lastAccessedAt === undefined ? undefined : new Date(v.lastAccessedAt),
      CreatedDate: new Date(v.createdAt),
      KmsKeyIds: values[i] ? [values[i]!.kmsKeyId] : undefined,
    })),
    NextToken: listed.length > page.length ? encodeToken({ createdAt: last.createdAt, id: last.id }) : undefined,
  };
}
