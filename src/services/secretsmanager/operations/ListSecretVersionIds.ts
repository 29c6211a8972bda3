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
  // Deprecated versions (no labels) only when asked for, as AWS.
  const listed = record.versions
    .filter((v) => input.IncludeDeprecated || v.stages.length > 0)
    .filter((v) => !after || v.createdAt > after.createdAt || (v.createdAt === after.createdAt && v.id > after.id))
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
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
