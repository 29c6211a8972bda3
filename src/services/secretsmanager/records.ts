// What Secrets Manager keeps per secret (JSON in LevelDB). A secret record holds its metadata
// and that of its labelled versions (ids, staging labels, dates): at most 20, since AWS allows
// 20 staging labels per secret. Deprecated versions (no label) live in a table of their own,
// since AWS keeps every one younger than 24 hours and a fast writer makes thousands: a write
// then costs the same whatever the history. The encrypted values live in a third table, one
// record per version, so label moves never rewrite secret values.
//
// Records written before deprecated versions moved out (no `versionSeq`) still hold them in
// `versions`, with no labels; reads take them from there, and the first change to such a secret
// moves them to their table (see upgradeRecord in versions.ts).
import type { RotationRulesType, Tag } from '../../protocol/generated/secretsmanager';

export interface VersionMeta {
  id: string;
  /** Staging labels; empty = deprecated (listed only with IncludeDeprecated). */
  stages: string[];
  createdAt: number;
  /** Creation order within the secret (orders versions made in the same millisecond); absent in old records. */
  seq?: number;
  /** 00:00 UTC of the day of the last read (AWS reports day precision). */
  lastAccessedAt?: number;
  /** Made by RotateSecret and not filled yet: no value is stored (the rotation function's PutSecretValue fills it). */
  empty?: true;
}

/** A rotation under way: the job of kind secretsmanager:rotation runs its steps. */
export interface RotationRun {
  /** The pending version (the RotateSecret ClientRequestToken). */
  token: string;
  rotationToken: string;
  /** RotateImmediately false: only testSecret runs, against a copy of the current value. */
  testOnly: boolean;
}

/** How a rotation that did not finish failed: kept for DescribeSecret's successors (audit trail) and logged. */
interface RotationFailure {
  step: string;
  errorType: string;
  errorMessage: string;
  at: number;
}

interface RotationConfig {
  enabled: boolean;
  lambdaArn?: string;
  rules?: RotationRulesType;
  lastRotatedAt?: number;
  run?: RotationRun;
  lastFailure?: RotationFailure;
  /** Due time of the job that starts the next scheduled rotation (the start of its window), if one is scheduled. */
  scheduledAt?: number;
}

/** A replica of a primary secret, as the primary records it. */
export interface ReplicaState {
  region: string;
  /** As given; undefined = the region's aws/secretsmanager key. */
  kmsKeyId?: string;
  status: 'InSync' | 'Failed';
  statusMessage?: string;
  createdAt: number;
  lastAccessedAt?: number;
}

export interface SecretRecord {
  name: string;
  /** ARN of this copy: a replica's ARN names its own region. */
  arn: string;
  accountId: string;
  region: string;
  createdAt: number;
  lastChangedAt: number;
  lastAccessedAt?: number;
  description?: string;
  /** As given by the caller; undefined = the default key alias/aws/secretsmanager. */
  kmsKeyId?: string;
  type?: string;
  /** undefined until the secret is first tagged; [] once every tag is removed (AWS shows `Tags: []`). */
  tags?: Tag[];
  policy?: string;
  rotation?: RotationConfig;
  /** When DeleteSecret was called, and when the secret is purged. */
  deletedAt?: number;
  deletionDate?: number;
  /** Labelled versions in creation order (in old records, every version). */
  versions: VersionMeta[];
  /** The `seq` of the next version; undefined in records of the old layout. */
  versionSeq?: number;
  /** How many deprecated versions the secret has in its table. */
  deprecatedCount?: number;
  /** Set on a replica: the region of its primary. */
  primaryRegion?: string;
  /** Set on a primary: its replicas. */
  replicas?: ReplicaState[];
}

/** One version's value: AES-256-GCM under a KMS data key, never in the clear. */
export interface ValueRecord {
  /** What ListSecretVersionIds reports: `DefaultEncryptionKey` or the key ARN. */
  kmsKeyId: string;
  /** The SecretARN bound into the data key's encryption context. */
  secretArn: string;
  binary: boolean;
  /** base64: the data key's KMS ciphertext blob, the GCM nonce, tag and ciphertext. */
  dataKey: string;
  nonce: string;
  tag: string;
  body: string;
}

/** A version's value in the clear, in memory only. */
export interface SecretValue {
  string?: string;
  binary?: Buffer;
}

/** A deep copy of plain JSON data (what records are): a few times faster than structuredClone at this size. */
function copyJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyJson((value as Record<string, unknown>)[key]);
  return copy as T;
}

/** A record to change: records read from the store are shared (and frozen) cache entries. */
export function copyRecord(record: SecretRecord): SecretRecord {
  return copyJson(record);
}

/** PrimaryRegion as AWS reports it: a replica's primary, a primary's own region once it has replicas; none for a secret that is not replicated. */
export function primaryRegionOf(record: SecretRecord): string | undefined {
  if (record.primaryRegion !== undefined) return record.primaryRegion;
  return (record.replicas?.length ?? 0) > 0 ? record.region : undefined;
}
