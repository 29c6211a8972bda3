// A secret's version history: every deprecated version younger than a day is kept however many
// there are, listed in creation order and readable by id; a day later the oldest beyond 100 go.
// The secret record holds only its labelled versions (at most 20 labels), so a write costs the
// same whatever the history; records of the old layout (every version inside) still read, and
// move their deprecated versions out at their first change.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  ReplicateSecretToRegionsCommand,
  UpdateSecretVersionStageCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { SecretRecord } from '../../../src/services/secretsmanager/records';
import { SecretRepository } from '../../../src/services/secretsmanager/repository';
import { Store } from '../../../src/store/store';
import { ACCOUNT, advanceClock, awsError, REGION, startServer, useServer } from '../../helpers/server';
import { createSecret, stagesOf, token } from './helpers';

const DAY_AND_AN_HOUR = 25 * 3600;

/** Version ids in the order ListSecretVersionIds gives them, through every page. */
async function listed(sm: SecretsManagerClient, secretId: string, maxResults: number, includeDeprecated = true): Promise<string[]> {
  const ids: string[] = [];
  let next: string | undefined;
  do {
    const page = await sm.send(new ListSecretVersionIdsCommand({ SecretId: secretId, IncludeDeprecated: includeDeprecated, MaxResults: maxResults, NextToken: next }));
    expect(page.Versions!.length).toBeLessThanOrEqual(maxResults);
    ids.push(...page.Versions!.map((v) => v.VersionId!));
    next = page.NextToken;
  } while (next);
  return ids;
}

/** Creates `name` and writes `count` versions in all, one after another; returns their ids in order. */
async function writeVersions(sm: SecretsManagerClient, name: string, count: number): Promise<string[]> {
  const ids = [token()];
  await createSecret(sm, { Name: name, SecretString: 'value-0', ClientRequestToken: ids[0] });
  for (let i = 1; i < count; i++) {
    ids.push(token());
    await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: `value-${i}`, ClientRequestToken: ids[i] }));
  }
  return ids;
}

const valueOf = async (sm: SecretsManagerClient, secretId: string, versionId: string) =>
  (await sm.send(new GetSecretValueCommand({ SecretId: secretId, VersionId: versionId }))).SecretString;

const versionNotFound = (versionId: string) => ({
  name: 'ResourceNotFoundException',
  message: `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`,
  status: 400,
});

describe('version history (in memory)', () => {
  const server = useServer({ reset: 'each', clock: 'reset' });

  it('keeps all 300 versions written within a day, listed in creation order and readable by id; a day later the oldest beyond 100 deprecated go', async () => {
    const sm = server.sm();
    const ids = await writeVersions(sm, 's', 300);
    expect(await listed(sm, 's', 100)).toEqual(ids);
    expect(await listed(sm, 's', 7)).toEqual(ids);
    expect(await listed(sm, 's', 100, false)).toEqual(ids.slice(-2));
    for (const [i, id] of ids.entries()) expect(await valueOf(sm, 's', id)).toBe(`value-${i}`);

    await advanceClock(server, DAY_AND_AN_HOUR);
    const last = token();
    await sm.send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'value-300', ClientRequestToken: last }));
    // 301 versions: AWSCURRENT (the last), AWSPREVIOUS (ids[299]) and 299 deprecated, all older
    // than a day but the last: the 199 oldest go, ids[199..298] stay.
    expect(await listed(sm, 's', 9)).toEqual([...ids.slice(199), last]);
    expect(await stagesOf(sm, 's')).toEqual({ [ids[299]]: ['AWSPREVIOUS'], [last]: ['AWSCURRENT'] });
    expect(await awsError(() => valueOf(sm, 's', ids[198]))).toEqual(versionNotFound(ids[198]));
    expect(await awsError(() => valueOf(sm, 's', ids[0]))).toEqual(versionNotFound(ids[0]));
    expect(await valueOf(sm, 's', ids[199])).toBe('value-199');
    expect(await valueOf(sm, 's', ids[298])).toBe('value-298');
  });

  it('never drops a deprecated version younger than a day, even beyond 100', async () => {
    const sm = server.sm();
    await writeVersions(sm, 's', 50);
    await advanceClock(server, DAY_AND_AN_HOUR);
    const young: string[] = [];
    for (let i = 0; i < 120; i++) {
      young.push(token());
      await sm.send(new PutSecretValueCommand({ SecretId: 's', SecretString: `young-${i}`, ClientRequestToken: young[i] }));
    }
    // 168 deprecated: the 50 old ones go (oldest first) as the count passes 100; the young stay.
    const kept = await listed(sm, 's', 100);
    expect(kept).toEqual(young);
  });

  it('answers an idempotent retry with a deprecated version, and refuses its token for another value', async () => {
    const sm = server.sm();
    const ids = await writeVersions(sm, 's', 4);
    const retry = await sm.send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'value-0', ClientRequestToken: ids[0] }));
    expect({ id: retry.VersionId, stages: retry.VersionStages }).toEqual({ id: ids[0], stages: [] });
    const { ARN } = await sm.send(new DescribeSecretCommand({ SecretId: 's' }));
    expect(await awsError(() => sm.send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'other', ClientRequestToken: ids[1] })))).toEqual({
      name: 'ResourceExistsException',
      message: `You can't use ClientRequestToken ${ids[1]} because that value is already in use for a version of secret ${ARN}.`,
      status: 400,
    });
    expect(await listed(sm, 's', 100)).toEqual(ids);
  });

  it('moves a label onto a deprecated version, which is labelled again, and off it', async () => {
    const sm = server.sm();
    const ids = await writeVersions(sm, 's', 4);
    const move = (input: { VersionStage: string; MoveToVersionId?: string; RemoveFromVersionId?: string }) =>
      sm.send(new UpdateSecretVersionStageCommand({ SecretId: 's', ...input }));
    await move({ VersionStage: 'blue', MoveToVersionId: ids[0] });
    expect(await stagesOf(sm, 's')).toEqual({ [ids[0]]: ['blue'], [ids[2]]: ['AWSPREVIOUS'], [ids[3]]: ['AWSCURRENT'] });
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 's' }))).VersionIdsToStages).toEqual({ [ids[0]]: ['blue'], [ids[2]]: ['AWSPREVIOUS'], [ids[3]]: ['AWSCURRENT'] });
    expect(await listed(sm, 's', 2)).toEqual(ids);
    expect(await awsError(() => move({ VersionStage: 'blue', MoveToVersionId: ids[2], RemoveFromVersionId: ids[1] }))).toEqual({
      name: 'InvalidParameterException',
      message: `Version stage blue not found in version ${ids[1]}`,
      status: 400,
    });
    await move({ VersionStage: 'AWSCURRENT', MoveToVersionId: ids[1], RemoveFromVersionId: ids[3] });
    await move({ VersionStage: 'blue', RemoveFromVersionId: ids[0] });
    expect(await stagesOf(sm, 's', true)).toEqual({ [ids[0]]: [], [ids[1]]: ['AWSCURRENT'], [ids[2]]: [], [ids[3]]: ['AWSPREVIOUS'] });
    expect(await listed(sm, 's', 3)).toEqual(ids);
    expect(await valueOf(sm, 's', ids[0])).toBe('value-0');
  });

  it('records the day a deprecated version was last read', async () => {
    const sm = server.sm();
    const ids = await writeVersions(sm, 's', 3);
    await valueOf(sm, 's', ids[0]);
    const versions = (await sm.send(new ListSecretVersionIdsCommand({ SecretId: 's', IncludeDeprecated: true }))).Versions!;
    const now = new Date();
    expect(versions[0].LastAccessedDate).toEqual(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())));
    expect(versions.slice(1).map((v) => v.LastAccessedDate)).toEqual([undefined, undefined]);
  });

  it('allows 20 staging labels across a secret\'s versions and refuses a 21st', async () => {
    const sm = server.sm();
    await createSecret(sm, { Name: 's', SecretString: 'v' });
    const labels = (from: number, count: number) => Array.from({ length: count }, (_, i) => `L${from + i}`);
    const pending = token();
    await sm.send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'w', ClientRequestToken: pending, VersionStages: labels(0, 19) }));
    const quota = { name: 'LimitExceededException', message: 'You exceeded the maximum number of staging labels allowed on a secret.', status: 400 };
    expect(await awsError(() => sm.send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'x', ClientRequestToken: token(), VersionStages: ['extra'] })))).toEqual(quota);
    expect(await awsError(() => sm.send(new UpdateSecretVersionStageCommand({ SecretId: 's', VersionStage: 'extra', MoveToVersionId: pending })))).toEqual(quota);
    // Moving a label that exists keeps the count.
    await sm.send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'y', ClientRequestToken: token(), VersionStages: labels(0, 5) }));
    expect(Object.values(await stagesOf(sm, 's')).flat()).toHaveLength(20);
  });

  it('copies every version to a new replica region and keeps the replica in step as versions are pruned', async () => {
    const sm = server.sm();
    const ids = await writeVersions(sm, 's', 103);
    await sm.send(new ReplicateSecretToRegionsCommand({ SecretId: 's', AddReplicaRegions: [{ Region: 'eu-west-1' }] }));
    const replica = server.sm({ region: 'eu-west-1' });
    expect(await listed(replica, 's', 100)).toEqual(ids);
    expect(await valueOf(replica, 's', ids[0])).toBe('value-0');

    await advanceClock(server, DAY_AND_AN_HOUR);
    const last = token();
    await sm.send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'last', ClientRequestToken: last }));
    const kept = [...ids.slice(2), last];
    expect(await listed(sm, 's', 100)).toEqual(kept);
    expect(await listed(replica, 's', 100)).toEqual(kept);
    expect(await awsError(() => valueOf(replica, 's', ids[1]))).toEqual(versionNotFound(ids[1]));
    expect(await valueOf(replica, 's', ids[2])).toBe('value-2');
  });

  it('removes every version with the secret: a secret made again under the name starts empty', async () => {
    const sm = server.sm();
    const ids = await writeVersions(sm, 's', 5);
    await sm.send(new DeleteSecretCommand({ SecretId: 's', ForceDeleteWithoutRecovery: true }));
    const again = token();
    await createSecret(sm, { Name: 's', SecretString: 'new', ClientRequestToken: again });
    expect(await listed(sm, 's', 100)).toEqual([again]);
    expect(await awsError(() => valueOf(sm, 's', ids[0]))).toEqual(versionNotFound(ids[0]));
  });
});

describe('version history in the store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'strongroom-versions-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs `fn` with the data dir's store opened directly (no server on it). */
  async function withStore<T>(fn: (repo: SecretRepository, store: Store) => Promise<T>): Promise<T> {
    const store = await Store.open({ inMemory: false, dataDir: dir });
    try {
      return await fn(new SecretRepository(store), store);
    } finally {
      await store.close();
    }
  }

  async function withServer(fn: (sm: SecretsManagerClient) => Promise<void>): Promise<void> {
    const server = await startServer({ inMemory: false, dataDir: dir });
    try {
      await fn(server.sm());
    } finally {
      await server.close();
    }
  }

  it('keeps only the labelled versions in the secret record, however many writes', async () => {
    let ids: string[] = [];
    await withServer(async (sm) => {
      ids = await writeVersions(sm, 's', 150);
    });
    await withStore(async (repo) => {
      const record = (await repo.get(ACCOUNT, REGION, 's'))!;
      expect(record.versions.map((v) => v.id)).toEqual(ids.slice(-2));
      expect(record.deprecatedCount).toBe(148);
      expect((await repo.deprecated(record, {})).map((v) => v.id)).toEqual(ids.slice(0, -2));
    });
  });

  it('reads a record of the old layout, with its deprecated versions inside, and moves them out at its first change', async () => {
    let ids: string[] = [];
    await withServer(async (sm) => {
      ids = await writeVersions(sm, 's', 6);
    });
    // Rewrite the secret as the old layout stored it: every version in the record, none in the table.
    await withStore(async (repo, store) => {
      const record = (await repo.get(ACCOUNT, REGION, 's'))!;
      const deprecated = await repo.deprecated(record, {});
      const old = JSON.parse(JSON.stringify(record)) as SecretRecord;
      old.versions = [...deprecated, ...record.versions].map(({ seq: _seq, ...v }) => v);
      delete old.versionSeq;
      delete old.deprecatedCount;
      await store.commit([...repo.putRecord(record, old), ...deprecated.flatMap((v) => repo.delDeprecated(record, v))]);
    });
    await withServer(async (sm) => {
      expect(await listed(sm, 's', 4)).toEqual(ids);
      expect(await listed(sm, 's', 4, false)).toEqual(ids.slice(-2));
      const retry = await sm.send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'value-1', ClientRequestToken: ids[1] }));
      expect(retry.VersionStages).toEqual([]);
      expect(await awsError(() => sm.send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'x', ClientRequestToken: ids[2] })))).toMatchObject({ name: 'ResourceExistsException' });
      expect(await valueOf(sm, 's', ids[0])).toBe('value-0');
    });
    // The read above stamped the version's LastAccessedDate: the first change, which moved the versions out.
    await withStore(async (repo) => {
      const record = (await repo.get(ACCOUNT, REGION, 's'))!;
      expect(record.versions.map((v) => v.id)).toEqual(ids.slice(-2));
      expect(record.versionSeq).toBe(6);
      expect((await repo.deprecated(record, {})).map((v) => v.id)).toEqual(ids.slice(0, -2));
    });
    await withServer(async (sm) => {
      const next = token();
      await sm.send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'value-6', ClientRequestToken: next }));
      expect(await listed(sm, 's', 4)).toEqual([...ids, next]);
      expect(await stagesOf(sm, 's')).toEqual({ [ids[5]]: ['AWSPREVIOUS'], [next]: ['AWSCURRENT'] });
      for (const [i, id] of ids.entries()) expect(await valueOf(sm, 's', id)).toBe(`value-${i}`);
    });
  });
});
