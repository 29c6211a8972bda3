// The `secretsmanager` section of an export: the secrets of one place as seed entries
// (docs/seeds.md#secretsmanager), each version that has a label with its value and labels, in
// creation order. Left out: secrets scheduled for deletion (a seed cannot schedule one), replicas
// (their primary lists its replica regions), versions without labels (deprecated: AWS drops
// them in time) and versions without a value (a rotation's AWSPENDING made without one).
import { ResourceNotFoundException } from '../protocol/errors';
import type {
  DescribeSecretResponse,
  GetResourcePolicyResponse,
  GetSecretValueResponse,
  RotationRulesType,
  SecretListEntry,
  SecretVersionsListEntry,
} from '../protocol/generated/secretsmanager';
import { DEFAULT_KEY } from '../services/secretsmanager/envelope';
import { all, policyDocument, tagMapping, type Place, type Read } from './reader';

type Entry = Record<string, unknown>;

async function versionEntries(read: Read, arn: string): Promise<Entry[]> {
  const listed = await all<SecretVersionsListEntry>(read, 'secretsmanager', 'ListSecretVersionIds', { SecretId: arn }, 'Versions', ['NextToken', 'NextToken']);
  const versions: Entry[] = [];
  for (const { VersionId, VersionStages } of listed) {
    let value: GetSecretValueResponse;
    try {
      value = await read<GetSecretValueResponse>('secretsmanager', 'GetSecretValue', { SecretId: arn, VersionId });
    } catch (err) {
      if (err instanceof ResourceNotFoundException) continue;
      throw err;
    }
    versions.push({
      versionId: VersionId,
      ...(value.SecretBinary === undefined ? { secretString: value.SecretString } : { secretBinary: Buffer.from(value.SecretBinary).toString('base64') }),
      stages: VersionStages,
    });
  }
  return versions;
}

/** The seed's rotation settings: a schedule expression or a number of days, and a window. */
function rotationEntry(lambdaArn: string | undefined, rules: RotationRulesType = {}): Entry {
  return {
    lambdaArn,
    ...(rules.ScheduleExpression === undefined ? { automaticallyAfterDays: rules.AutomaticallyAfterDays } : { scheduleExpression: rules.ScheduleExpression }),
    duration: rules.Duration,
  };
}

async function secretEntry(read: Read, place: Place, listed: SecretListEntry): Promise<Entry> {
  const arn = listed.ARN!;
  const secret = await read<DescribeSecretResponse>('secretsmanager', 'DescribeSecret', { SecretId: arn });
  const { ResourcePolicy } = await read<GetResourcePolicyResponse>('secretsmanager', 'GetResourcePolicy', { SecretId: arn });
  const versions = await versionEntries(read, arn);
  const replicas = [...(secret.ReplicationStatus ?? [])].sort((a, b) => (a.Region! < b.Region! ? -1 : 1));
  return {
    name: secret.Name,
    account: place.accountId,
    region: place.region,
    description: secret.Description,
    kmsKeyId: secret.KmsKeyId,
    tags: tagMapping((secret.Tags ?? []).map((t) => [t.Key!, t.Value!])),
    resourcePolicy: ResourcePolicy === undefined ? undefined : policyDocument(ResourcePolicy),
    ...(versions.length > 0 ? { versions } : {}),
    ...(replicas.length > 0 ? { replicaRegions: replicas.map((r) => (r.KmsKeyId === DEFAULT_KEY ? r.Region : { region: r.Region, kmsKeyId: r.KmsKeyId })) } : {}),
    ...(secret.RotationEnabled ? { rotation: rotationEntry(secret.RotationLambdaARN, secret.RotationRules) } : {}),
  };
}

/** The secrets of one place (by name), as seed entries. */
export async function exportSecrets(read: Read, place: Place): Promise<Entry[]> {
  const listed = await all<SecretListEntry>(read, 'secretsmanager', 'ListSecrets', {}, 'SecretList', ['NextToken', 'NextToken']);
  const primaries = listed.filter((s) => s.PrimaryRegion === undefined || s.PrimaryRegion === place.region).sort((a, b) => (a.Name! < b.Name! ? -1 : 1));
  const secrets: Entry[] = [];
  for (const secret of primaries) secrets.push(await secretEntry(read, place, secret));
  return secrets;
}
