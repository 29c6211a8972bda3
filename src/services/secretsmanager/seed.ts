// The `secretsmanager` section of seed files: secrets with their values or versions, tags,
// resource policy, replicas and rotation settings, created through the service's own
// operations. A secret that already exists (in any state) is left exactly as it is.
//
//   secretsmanager:
//     secrets:
//       - name: app/db                      (required)
//         account / region                  (default: the server's)
//         description, kmsKeyId
//         secretString | secretBinary (base64), or
//         versions: [{ versionId?, secretString? | secretBinary?, stages?: [AWSCURRENT] }]
//         tags: { key: value } or [{ Key, Value }]
//         resourcePolicy: JSON text or a mapping
//         replicaRegions: [eu-west-1] or [{ region, kmsKeyId? }]
//         rotation: { lambdaArn, automaticallyAfterDays? | scheduleExpression?, duration? }
import { randomUUID } from 'node:crypto';
import type { DescribeSecretResponse, RotationRulesType } from '../../protocol/generated/secretsmanager';
import { rootPrincipal } from '../../pipeline/context';
import { AwsError } from '../../protocol/errors';
import { partition } from '../../regions';
import { SeedError, type SeedDefaults } from '../../seed';
import type { AwsService, ServiceDeps } from '../service';
import type { SecretsManagerContext } from './context';
import { checkRotationRules, rotationBase } from './rotation';
import { rescheduleRotation } from './rotation-runs';
import { repository, updateSecret } from './secrets';
import { CURRENT } from './versions';

type Fields = Record<string, unknown>;

const SECRET_FIELDS = [
  'name',
  'account',
  'region',
  'description',
  'kmsKeyId',
  'secretString',
  'secretBinary',
  'versions',
  'tags',
  'resourcePolicy',
  'replicaRegions',
  'rotation',
];
const VERSION_FIELDS = ['versionId', 'secretString', 'secretBinary', 'stages'];
const ROTATION_FIELDS = ['lambdaArn', 'automaticallyAfterDays', 'scheduleExpression', 'duration'];

class Invalid extends Error {}

const isMapping = (v: unknown): v is Fields => v !== null && typeof v === 'object' && !Array.isArray(v);

function fields(value: unknown, known: string[], what: string): Fields {
  if (!isMapping(value)) throw new Invalid(`${what} must be a mapping`);
  const extra = Object.keys(value).find((k) => !known.includes(k));
  if (extra) throw new Invalid(`unknown field '${extra}' in ${what} (known: ${known.join(', ')})`);
  return value;
}

function text(value: unknown, what: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') throw new Invalid(`${what} must be a string`);
  return String(value);
}

interface SeedValue {
  versionId: string;
  SecretString?: string;
  SecretBinary?: Buffer;
  stages?: string[];
}

function seedValue(entry: Fields, what: string): Omit<SeedValue, 'versionId' | 'stages'> | undefined {
  const string = text(entry.secretString, `${what} secretString`);
  const binary = text(entry.secretBinary, `${what} secretBinary`);
  if (string !== undefined && binary !== undefined) throw new Invalid(`${what} has both secretString and secretBinary`);
  if (binary !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(binary)) throw new Invalid(`${what} secretBinary must be base64`);
  if (binary !== undefined) return { SecretBinary: Buffer.from(binary, 'base64') };
  return string === undefined ? undefined : { SecretString: string };
}

function versionsOf(entry: Fields): SeedValue[] {
  const top = seedValue(entry, 'the secret');
  if (entry.versions === undefined) return top ? [{ versionId: randomUUID(), ...top }] : [];
  if (top) throw new Invalid('give either secretString/secretBinary or versions, not both');
  if (!Array.isArray(entry.versions)) throw new Invalid('versions must be a list');
  return entry.versions.map((raw, i) => {
    const version = fields(raw, VERSION_FIELDS, `versions[${i}]`);
    const value = seedValue(version, `versions[${i}]`);
    if (!value) throw new Invalid(`versions[${i}] needs secretString or secretBinary`);
    const versionId = text(version.versionId, `versions[${i}] versionId`) ?? randomUUID();
    if (versionId.length < 32 || versionId.length > 64) throw new Invalid(`versions[${i}] versionId must be 32 to 64 characters`);
    const stages = version.stages;
    if (stages !== undefined && (!Array.isArray(stages) || stages.length === 0 || stages.some((s) => typeof s !== 'string'))) {
      throw new Invalid(`versions[${i}] stages must be a list of labels`);
    }
    return { versionId, ...value, stages: stages as string[] | undefined };
  });
}

function tagsOf(value: unknown): { Key: string; Value: string }[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    return value.map((t, i) => {
      const tag = fields(t, ['Key', 'Value'], `tags[${i}]`);
      const key = text(tag.Key, `tags[${i}] Key`);
      if (key === undefined) throw new Invalid(`tags[${i}] needs a Key`);
      return { Key: key, Value: text(tag.Value, `tags[${i}] Value`) ?? '' };
    });
  }
  if (!isMapping(value)) throw new Invalid('tags must be a mapping or a list of { Key, Value }');
  return Object.entries(value).map(([Key, v]) => ({ Key, Value: text(v, `tag ${Key}`) ?? '' }));
}

function replicasOf(value: unknown): { Region: string; KmsKeyId?: string }[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new Invalid('replicaRegions must be a list');
  return value.map((r, i) => {
    if (typeof r === 'string') return { Region: r };
    const replica = fields(r, ['region', 'kmsKeyId'], `replicaRegions[${i}]`);
    return { Region: text(replica.region, `replicaRegions[${i}] region`) ?? '', KmsKeyId: text(replica.kmsKeyId, `replicaRegions[${i}] kmsKeyId`) };
  });
}

function rotationOf(value: unknown): { lambdaArn: string; rules: RotationRulesType } | undefined {
  if (value === undefined || value === null) return undefined;
  const rotation = fields(value, ROTATION_FIELDS, 'rotation');
  const lambdaArn = text(rotation.lambdaArn, 'rotation lambdaArn');
  if (!lambdaArn) throw new Invalid('rotation needs lambdaArn');
  const days = rotation.automaticallyAfterDays;
  if (days !== undefined && (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 1000)) {
    throw new Invalid('rotation automaticallyAfterDays must be a whole number from 1 to 1000');
  }
  const rules: RotationRulesType = {
    AutomaticallyAfterDays: days,
    ScheduleExpression: text(rotation.scheduleExpression, 'rotation scheduleExpression'),
    Duration: text(rotation.duration, 'rotation duration'),
  };
  checkRotationRules(rules);
  return { lambdaArn, rules: Object.fromEntries(Object.entries(rules).filter(([, v]) => v !== undefined)) };
}

/**
 * Puts every label a version lists on the last version listing it: the puts alone give the first
 * version AWSCURRENT and hand AWSPREVIOUS to the version AWSCURRENT leaves (FIDELITY A4), so a
 * listed AWSPREVIOUS (or label layout an export wrote) would not always end where listed.
 */
async function placeListedStages(call: (operation: string, input: Record<string, unknown>) => Promise<unknown>, name: string, versions: SeedValue[]): Promise<void> {
  const wanted = new Map<string, string>();
  for (const version of versions) for (const stage of version.stages ?? [CURRENT]) wanted.set(stage, version.versionId);
  // AWSCURRENT first: moving it moves AWSPREVIOUS too.
  const stages = [...wanted.keys()].sort((a, b) => Number(b === CURRENT) - Number(a === CURRENT));
  for (const stage of stages) {
    const { VersionIdsToStages = {} } = (await call('DescribeSecret', { SecretId: name })) as DescribeSecretResponse;
    const holder = Object.keys(VersionIdsToStages).find((id) => VersionIdsToStages[id].includes(stage));
    const target = wanted.get(stage);
    if (holder !== target) await call('UpdateSecretVersionStage', { SecretId: name, VersionStage: stage, MoveToVersionId: target, RemoveFromVersionId: holder });
  }
}

async function seedSecret(service: AwsService<SecretsManagerContext>, deps: ServiceDeps, entry: Fields, defaults: SeedDefaults): Promise<void> {
  const name = text(entry.name, 'name');
  if (!name) throw new Invalid('name is required');
  const accountId = text(entry.account, 'account') ?? defaults.accountId;
  const region = text(entry.region, 'region') ?? defaults.region;
  if (await repository(deps.store).get(accountId, region, name)) return;
  const principal = rootPrincipal(accountId, 'seed', partition(region));

  const versions = versionsOf(entry);
  const tags = tagsOf(entry.tags);
  const replicas = replicasOf(entry.replicaRegions);
  const rotation = rotationOf(entry.rotation);
  const policy = entry.resourcePolicy === undefined ? undefined : typeof entry.resourcePolicy === 'string' ? entry.resourcePolicy : JSON.stringify(entry.resourcePolicy);
  // Through the pipeline, as a client's calls: validated by the model and seen by every step.
  const call = (operation: string, input: Record<string, unknown>) => deps.call('secretsmanager', operation, input, { principal, region, trusted: true });

  const [first, ...rest] = versions;
  await call('CreateSecret', {
    Name: name,
    ClientRequestToken: first?.versionId ?? randomUUID(),
    Description: text(entry.description, 'description'),
    KmsKeyId: text(entry.kmsKeyId, 'kmsKeyId'),
    Tags: tags,
    ...(first && !first.stages ? { SecretString: first.SecretString, SecretBinary: first.SecretBinary } : {}),
  });
  for (const version of first?.stages ? versions : rest) {
    await call('PutSecretValue', { SecretId: name, ClientRequestToken: version.versionId, SecretString: version.SecretString, SecretBinary: version.SecretBinary, VersionStages: version.stages });
  }
  if (versions.some((v) => v.stages)) await placeListedStages(call, name, versions);
  if (policy !== undefined) await call('PutResourcePolicy', { SecretId: name, ResourcePolicy: policy });
  if (rotation) {
    // Rotation settings without a rotation: no operation stores them alone.
    const now = deps.clock.now();
    const ctx = service.context({ requestId: randomUUID(), service: 'secretsmanager', operation: 'seed', principal, accountId, region, accessKeyId: 'seed', now, resources: [] });
    await updateSecret(ctx, name, {}, (record) => {
      record.rotation = { enabled: true, lambdaArn: rotation.lambdaArn, rules: rotation.rules };
      // The schedule runs from the seeded value, as from a manual rotation.
      return { after: record, ops: rescheduleRotation(ctx, record, rotationBase(record)), result: undefined };
    });
  }
  if (replicas) await call('ReplicateSecretToRegions', { SecretId: name, AddReplicaRegions: replicas });
}

/** Loads a `secretsmanager` seed section; errors name the file and the secret. */
export async function seedSecretsManager(service: AwsService<SecretsManagerContext>, deps: ServiceDeps, section: unknown, defaults: SeedDefaults, file: string): Promise<void> {
  const fail = (where: string, why: string) => new SeedError(`seed ${file}: secretsmanager ${where}: ${why}`);
  if (!isMapping(section)) throw fail('section', 'must be a mapping with secrets');
  const { secrets = [], ...unknown } = section;
  if (Object.keys(unknown).length > 0) throw fail('section', `unknown field '${Object.keys(unknown)[0]}' (known: secrets)`);
  if (!Array.isArray(secrets)) throw fail('secrets', 'must be a list');
  for (const [i, entry] of secrets.entries()) {
    const where = isMapping(entry) && typeof entry.name === 'string' ? `secret ${entry.name}` : `secrets[${i}]`;
    try {
      await seedSecret(service, deps, fields(entry, SECRET_FIELDS, 'the secret'), defaults);
    } catch (err) {
      if (err instanceof Invalid) throw fail(where, err.message);
      if (err instanceof AwsError) throw fail(where, `${err.name}: ${err.message}`);
      throw err;
    }
  }
}
