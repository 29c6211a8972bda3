// How a secret reads in DescribeSecret and ListSecrets: unset members omitted, as AWS does
// (no Description when empty, no KmsKeyId for the default key, no VersionIdsToStages without
// labelled versions, Tags: [] only once tags existed).
import { perFrozen } from '../../memo';
import type { DescribeSecretResponse, ReplicationStatusType, SecretListEntry } from '../../protocol/generated/secretsmanager';
import { DEFAULT_KEY } from './envelope';
import { primaryRegionOf, type SecretRecord } from './records';
import { nextRotationDate } from './rotation';
import { versionsToStages } from './versions';

const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

export function replicationStatus(record: SecretRecord): ReplicationStatusType[] | undefined {
  return record.replicas?.map((r) => ({
    Region: r.region,
    KmsKeyId: r.kmsKeyId ?? DEFAULT_KEY,
    Status: r.status,
    StatusMessage: r.statusMessage,
    LastAccessedDate: date(r.lastAccessedAt),
  }));
}

/** The members DescribeSecret and ListSecrets share, in one object the caller completes (no spread copies: a page builds a hundred). */
function common(record: SecretRecord): DescribeSecretResponse & SecretListEntry {
  const rotation = record.rotation;
  return {
    ARN: record.arn,
    Name: record.name,
    Type: record.type,
    Description: record.description || undefined,
    KmsKeyId: record.kmsKeyId,
    RotationEnabled: rotation?.enabled,
    RotationLambdaARN: rotation?.lambdaArn,
    RotationRules: rotation?.rules,
    LastRotatedDate: date(rotation?.lastRotatedAt),
    NextRotationDate: nextRotationDate(record),
    LastChangedDate: date(record.lastChangedAt),
    LastAccessedDate: date(record.lastAccessedAt),
    DeletedDate: date(record.deletedAt),
    Tags: record.tags,
    CreatedDate: date(record.createdAt),
    PrimaryRegion: primaryRegionOf(record),
  };
}

/**
 * `build`'s view of a record, kept (frozen) for as long as the record if the record is frozen: a
 * record of the store's cache is never changed, a write replaces it. A hot DescribeSecret or a
 * listing page then builds nothing, and the output writer reuses what it wrote of the view.
 */
function perRecord<T extends object>(build: (record: SecretRecord) => T): (record: SecretRecord) => T {
  return perFrozen(build, (view: T) => Object.freeze(view));
}

export const describeSecret = perRecord((record): DescribeSecretResponse => {
  const answer: DescribeSecretResponse = common(record);
  answer.VersionIdsToStages = versionsToStages(record.versions);
  answer.ReplicationStatus = record.replicas?.length ? replicationStatus(record) : undefined;
  return answer;
});

export const listEntry = perRecord((record): SecretListEntry => {
  const entry: SecretListEntry = common(record);
  entry.SecretVersionsToStages = versionsToStages(record.versions);
  return entry;
});
