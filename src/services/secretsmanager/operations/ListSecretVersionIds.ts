import type { ListSecretVersionIdsRequest, ListSecretVersionIdsResponse } from '../../../protocol/generated/secretsmanager';
import type { SecretsManagerContext } from '../context';
import { versionPage } from '../history';
import { isVersionPosition } from '../repository';
import { findSecret, secretsOf } from '../secrets';
import { decodeToken, encodeToken } from '../tokens';

const DEFAULT_MAX_RESULTS = 100;

interface Position {
  /** The position (creation order) of the last version listed. */
  after: string;
}

export async function ListSecretVersionIds(ctx: SecretsManagerContext, input: ListSecretVersionIdsRequest): Promise<ListSecretVersionIdsResponse> {
  const record = await findSecret(ctx, input.SecretId);
  const start = decodeToken<Position>(input.NextToken, (t) => typeof t.after === 'string' && isVersionPosition(t.after));
  // Versions in creation order, from after the token's position (versions made or pruned since
  // do not shift the pages); deprecated versions (no labels) only when asked for, as AWS.
  const { versions, next } = await versionPage(ctx, record, {
    includeDeprecated: input.IncludeDeprecated ?? false,
    after: start?.after,
    limit: input.MaxResults ?? DEFAULT_MAX_RESULTS,
  });
  const values = await secretsOf(ctx).getValues(record, versions.map((v) => v.id));
  return {
    ARN: record.arn,
    Name: record.name,
    Versions: versions.map((v, i) => ({
      VersionId: v.id,
      VersionStages: v.stages.length > 0 ? [...v.stages] : undefined,
      LastAccessedDate: v.lastAccessedAt === undefined ? undefined : new Date(v.lastAccessedAt),
      CreatedDate: new Date(v.createdAt),
      KmsKeyIds: values[i] ? [values[i]!.kmsKeyId] : undefined,
    })),
    NextToken: next === undefined ? undefined : encodeToken({ after: next } satisfies Position),
  };
}
