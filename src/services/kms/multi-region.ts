// Multi-Region keys: related keys with the same mrk- key id in several Regions of one account
// (FIDELITY B15). Related keys share their key material, its ids and its rotations, so a
// ciphertext made under one decrypts with any other (engine.decryptSymmetric); each keeps its
// own policy, aliases, grants, tags, description and enabled state. Every related key records
// the primary's Region and the replicas' (KeyRecord.primaryRegion/replicaRegions), changed
// together in one batch with every related key locked. A replica is made `Creating` and
// completed by a job (kind `kms:replicate-key`) on the persistent schedule, as AWS reports it.
import type { JobKind } from '../../jobs/runner';
import { Schedule, type Job } from '../../jobs/schedule';
import { AlreadyExistsException, UnsupportedOperationException, ValidationException } from '../../protocol/errors';
import type { ReplicateKeyRequest, ReplicateKeyResponse } from '../../protocol/generated/kms';
import { isRegionName, partition } from '../../regions';
import type { BatchOp } from '../../store/store';
import type { KmsContext } from './context';
import type { KmsEngine } from './engine';
import { keyArn } from './identifiers';
import { checkState, keyMetadata, keyNotFound, relatedRegions } from './keys';
import { changeCustomerKey, findOwnKey } from './management';
import { checkKeyPolicy, defaultKeyPolicy } from './policy';
import type { KeyRecord } from './records';
import { checkNewTags } from './tags';

const REPLICATE = 'kms:replicate-key';

type RelatedChange<T> = (key: KeyRecord, related: KeyRecord[]) => { ops: BatchOp[]; result: T } | Promise<{ ops: BatchOp[]; result: T }>;

/** The lock of a family of related keys, taken before any of their key locks. */
function familyLock(key: Pick<KeyRecord, 'accountId' | 'keyId'>): string {
  return `${key.accountId}/multi-region/${key.keyId}`;
}

/** The Regions of a key's related keys, its own excepted. */
function otherRegions(key: KeyRecord): string[] {
  const { primary, replicas } = relatedRegions(key);
  return [primary, ...replicas].filter((region) => region !== key.region);
}

/** Runs `fn` with the related keys of `key` (its own Region's excepted) locked, as they are now. */
function withRelatedLocked<T>(engine: KmsEngine, key: KeyRecord, fn: (related: KeyRecord[]) => Promise<T>): Promise<T> {
  const others = otherRegions(key);
  const locked = others.reduceRight<() => Promise<T>>(
    (inner, region) => () => engine.deps.store.locks.run(keyArn(region, key.accountId, key.keyId), inner),
    async () => {
      const related = await Promise.all(others.map((region) => engine.repo.keys(key.accountId, region).get(key.keyId)));
      return fn(related.filter((k): k is KeyRecord => k !== undefined));
    },
  );
  return locked();
}

/**
 * Read-modify-write of a customer managed key (changeCustomerKey) and, for a multi-Region key,
 * of its related keys too: under the family's lock (so the set of Regions cannot change
 * meanwhile), then every related key's lock (its ARN, as updateKey takes it), `change` gets
 * the key and its related keys as they are now and returns the one batch to commit.
 */
export async function changeRelated<T>(ctx: KmsContext, keyId: string, action: string, change: RelatedChange<T>): Promise<T> {
  const found = await findOwnKey(ctx, keyId);
  if (!found.multiRegion) return changeCustomerKey(ctx, keyId, action, 'any', (key) => change(key, []));
  return ctx.kms.deps.store.locks.run(familyLock(found), async () =>
    withRelatedLocked(ctx.kms, await findOwnKey(ctx, found.arn), (related) => changeCustomerKey(ctx, found.arn, action, 'any', (key) => change(key, related))),
  );
}

/**
 * Commits what `change` makes of the related keys of `key` (a multi-Region key just changed
 * or purged under its own lock, which is released by now), under the family's lock and theirs:
 * the follow-up steps of jobs that hold one key's lock only (automatic rotation, purge).
 */
export function changeFamily(engine: KmsEngine, key: KeyRecord, change: (related: KeyRecord[]) => BatchOp[]): Promise<void> {
  return engine.deps.store.locks.run(familyLock(key), () => withRelatedLocked(engine, key, (related) => engine.deps.store.commit(change(related))));
}

/** `<arn> is not a multi-region primary key.` (recorded for ReplicateKey on a replica) */
function notPrimary(key: KeyRecord): UnsupportedOperationException {
  return new UnsupportedOperationException(`${key.arn} is not a multi-region primary key.`);
}

/** The primary key of a family, Enabled (FIDELITY B4 lists ReplicateKey and UpdatePrimaryRegion with the cryptographic operations). */
function checkPrimary(key: KeyRecord, notMultiRegion: string): void {
  if (!key.multiRegion) throw new UnsupportedOperationException(notMultiRegion);
  if (relatedRegions(key).primary !== key.region) throw notPrimary(key);
  checkState(key, 'use');
}

/** Stores every key of a family with its new Regions. */
function withRegions(ctx: KmsContext, keys: KeyRecord[], primaryRegion: string, replicaRegions: string[]): BatchOp[] {
  return keys.map((key) => ctx.kms.putKey({ ...key, primaryRegion, replicaRegions }));
}

function replicaJob(key: KeyRecord): Job {
  const { accountId, region, keyId: id, arn } = key;
  return { due: key.createdAt, kind: REPLICATE, resource: { accountId, region, id, arn } };
}

/**
 * ReplicateKey: a replica of a primary key in another Region of the same partition, with the
 * same key id, spec, usage, origin and material (sealed for the replica's ARN, same ids), its
 * own policy (the default key policy unless given), description and tags; `Creating` until
 * its job has run.
 */
export function replicateKey(ctx: KmsContext, input: ReplicateKeyRequest): Promise<ReplicateKeyResponse> {
  if (input.Tags) checkNewTags(input.Tags);
  if (input.Policy !== undefined) checkKeyPolicy(input.Policy);
  return changeRelated(ctx, input.KeyId, 'ReplicateKey', async (key, related) => {
    // Text from LocalStack (unverified on AWS, FIDELITY B15).
    checkPrimary(key, `Unable to replicate a non-MultiRegion key ${key.keyId}`);
    const region = input.ReplicaRegion;
    if (!isRegionName(region) || partition(region) !== partition(key.region)) {
      throw new ValidationException(`${region} is not a valid replica region for ${key.arn}.`);
    }
    const arn = keyArn(region, key.accountId, key.keyId);
    const { primary, replicas } = relatedRegions(key);
    if (region === primary || replicas.includes(region) || (await ctx.kms.repo.keys(key.accountId, region).get(key.keyId))) {
      throw new AlreadyExistsException(`Replica key ${arn} already exists.`);
    }
    const replicaRegions = [...replicas, region];
    const replica: KeyRecord = {
      keyId: key.keyId,
      arn,
      accountId: key.accountId,
      region,
      createdAt: ctx.now.getTime(),
      description: input.Description ?? '',
      keySpec: key.keySpec,
      keyUsage: key.keyUsage,
      origin: key.origin,
      keyManager: key.keyManager,
      state: 'Creating',
      multiRegion: true,
      primaryRegion: primary,
      replicaRegions,
      policy: input.Policy ?? defaultKeyPolicy(key.accountId, region),
      tags: input.Tags ?? [],
      materials: key.materials.map((m) => ctx.kms.vault.reseal(key.arn, arn, m)),
      currentMaterialId: key.currentMaterialId,
      expirationModel: key.expirationModel,
      validTo: key.validTo,
    };
    const ops = [...withRegions(ctx, [key, ...related, replica], primary, replicaRegions), new Schedule(ctx.kms.deps.store).put(replicaJob(replica))];
    // AWS reports no CurrentKeyMaterialId while the replica is Creating (recorded).
    const metadata = { ...keyMetadata(replica), CurrentKeyMaterialId: undefined };
    return { ops, result: { ReplicaKeyMetadata: metadata, ReplicaPolicy: replica.policy, ReplicaTags: replica.tags.length > 0 ? replica.tags : undefined } };
  });
}

/**
 * UpdatePrimaryRegion: the replica in `region` becomes the primary and the primary a replica,
 * in every related key's MultiRegionConfiguration. Naming the primary's own Region changes
 * nothing.
 */
export function updatePrimaryRegion(ctx: KmsContext, keyId: string, region: string): Promise<void> {
  return changeRelated(ctx, keyId, 'UpdatePrimaryRegion', (key, related) => {
    checkPrimary(key, `${key.arn} is not a multi-region key.`);
    const { replicas } = relatedRegions(key);
    if (region === key.region) return { ops: [], result: undefined };
    if (!replicas.includes(region)) {
      if (!isRegionName(region)) throw new ValidationException(`${region} is not a valid region.`);
      throw keyNotFound(key.accountId, region, key.keyId);
    }
    const replicaRegions = [...replicas.filter((r) => r !== region), key.region];
    return { ops: withRegions(ctx, [key, ...related], region, replicaRegions), result: undefined };
  });
}

/**
 * The materials a rotation of `key` (now `rotated`) added, given to its related keys too, in the
 * same batch: related multi-Region keys share material and rotate together (AWS).
 */
export function shareRotation(engine: KmsEngine, rotated: KeyRecord, related: KeyRecord[]): BatchOp[] {
  return related.map((other) => {
    const added = rotated.materials.filter((m) => !other.materials.some((o) => o.id === m.id));
    const materials = [...other.materials, ...added.map((m) => engine.vault.reseal(rotated.arn, other.arn, m))];
    return engine.putKey({ ...other, materials, currentMaterialId: rotated.currentMaterialId });
  });
}

/** The job kind that completes replicas: Creating → Enabled (PendingImport for an imported key without material). */
export function replicaJobs(engine: KmsEngine): JobKind {
  return { kind: REPLICATE, run: (job) => completeReplica(engine, job) };
}

async function completeReplica(engine: KmsEngine, job: Job): Promise<void> {
  const { accountId, region, id, arn } = job.resource;
  await engine.deps.store.locks.run(arn, async () => {
    const key = await engine.repo.keys(accountId, region).get(id);
    // Stale entries (the replica gone) are left alone: running one twice completes it once.
    if (key?.state !== 'Creating') return;
    await engine.deps.store.commit([engine.putKey({ ...key, state: key.currentMaterialId ? 'Enabled' : 'PendingImport' })]);
  });
}
