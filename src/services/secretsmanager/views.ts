// How a secret reads in DescribeSecret and ListSecrets: unset members omitted, as AWS does
// (no Description when empty, no KmsKeyId for the default key, no VersionIdsToStages without
// labelled versions, Tags: [] only once tags existed).
import type { DescribeSecretResponse, ReplicationStatusType, SecretListEntry } from '@aws-sdk/client-secrets-manager';
import { DEFAULT_KEY } from './envelope';
import type { SecretRecord } from './records';
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

function common(record: SecretRecord) {
  const rotation = record.rotation;
  const replicated = record.primaryRegion !== undefined || (record.replicas?.length ?? 0) > 0;
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
    LastChangedDate: date(record.lastChangedAt),
    LastAccessedDate: date(record.lastAccessedAt),
    DeletedDate: date(record.deletedAt),
    Tags: record.tags,
    CreatedDate: date(record.createdAt),
    PrimaryRegion: replicated ? (record.primaryRegion ?? record.region) : undefined,
  };
}

export function describeSecret(record: SecretRecord): DescribeSecretResponse {
  return {
    ...common(record),
    VersionIdsToStages: versionsToStages(record.versions),
    ReplicationStatus: record.replicas?.length ? replicationStatus(record) : undefined,
  };
}

export function listEntry(record: SecretRecord): SecretListEntry {
  return { ...common(record), SecretVersionsToStages: versionsToStages(record.versions) };
}
