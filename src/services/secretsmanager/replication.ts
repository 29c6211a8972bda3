// Multi-Region secrets: a primary lists its replicas; each replica region holds a read-only
// copy written with every change of the primary (see secrets.ts). Replicating onto a name that
// is taken in the other region fails for that region unless ForceOverwriteReplicaSecret;
// removing a replica deletes its copy; promoting one keeps it as a standalone secret.
import type { ReplicaRegionType } from '../../protocol/generated/secretsmanager';
import { InvalidParameterException, InvalidRequestException } from '../../protocol/errors';
import { purging, type BatchOp } from '../../store/store';
import type { SecretsManagerContext } from './context';
import { purgeOps } from './deletion';
import { arnInRegion } from './identifiers';
import { secretNotFound } from './messages';
import { copyRecord, type SecretRecord } from './records';
import { commitChange, repository, withSecretLock } from './secrets';

/**
 * Adds replicas to `record` (the primary's new state) and returns the ops that clear the way in
 * the other regions. Runs under the secret's lock, which covers the name in every region.
 */
export async function addReplicas(ctx: SecretsManagerContext, record: SecretRecord, regions: ReplicaRegionType[], force: boolean): Promise<BatchOp[]> {
  const repo = repository(ctx.deps.store);
  const replicas = (record.replicas ??= []);
  const ops: BatchOp[] = [];
  const now = ctx.now.getTime();
  for (const { Region: region, KmsKeyId: kmsKeyId } of regions) {
    // AWS's answer to a replica with no Region or in the secret's own Region.
    if (!region || region === record.region) throw new InvalidParameterException('Invalid replica region.');
    if (replicas.some((r) => r.region === region)) {
      throw new InvalidParameterException(`Invalid replica Region: ${region}. A secret can't be replicated twice to the same Region.`);
    }
    const taken = await repo.get(record.accountId, region, record.name);
    if (taken && !force) {
      replicas.push({ region, kmsKeyId, status: 'Failed', statusMessage: 'Replication failed: Secret name already exists in the destination Region.', createdAt: now });
      continue;
    }
    if (taken) ops.push(...(await purgeOps(repo, taken)));
    replicas.push({ region, kmsKeyId, status: 'InSync', createdAt: now });
  }
  return ops;
}

/** The copy of `primary` in `region`, if that region's record is one. */
async function copyIn(ctx: SecretsManagerContext, primary: SecretRecord, region: string): Promise<SecretRecord | undefined> {
  const record = await repository(ctx.deps.store).get(primary.accountId, region, primary.name);
  return record?.primaryRegion === primary.region && record.arn === arnInRegion(primary.arn, region) ? record : undefined;
}

/** Drops replicas from `record` (the primary's new state); returns the ops that delete their copies. */
export async function removeReplicas(ctx: SecretsManagerContext, record: SecretRecord, regions: string[]): Promise<BatchOp[]> {
  const repo = repository(ctx.deps.store);
  const ops: BatchOp[] = [];
  for (const replica of record.replicas ?? []) {
    if (!regions.includes(replica.region)) continue;
    const copy = await copyIn(ctx, record, replica.region);
    if (copy) ops.push(...purging(await repo.removeRecord(copy)));
  }
  const kept = (record.replicas ?? []).filter((r) => !regions.includes(r.region));
  record.replicas = kept.length > 0 ? kept : undefined;
  return ops;
}

/**
 * StopReplicationToReplica: the replica becomes a standalone secret in its region (its values
 * are already sealed under that region's key) and leaves its primary's list.
 */
export async function promoteReplica(ctx: SecretsManagerContext, found: SecretRecord): Promise<string> {
  if (found.primaryRegion === undefined) throw new InvalidRequestException('StopReplicationToReplica can only be called on a replica secret.');
  const repo = repository(ctx.deps.store);
  return withSecretLock(ctx, found.accountId, found.name, async () => {
    const replica = await repo.get(found.accountId, found.region, found.name);
    if (!replica || replica.arn !== found.arn || replica.primaryRegion === undefined) throw secretNotFound();
    const standalone: SecretRecord = { ...replica, primaryRegion: undefined };
    const ops = repo.putRecord(replica, standalone);
    const primary = await repo.get(replica.accountId, replica.primaryRegion, replica.name);
    if (!primary) {
      await ctx.deps.store.commit(ops);
      return standalone.arn;
    }
    const after = copyRecord(primary);
    const kept = (after.replicas ?? []).filter((r) => r.region !== replica.region);
    after.replicas = kept.length > 0 ? kept : undefined;
    await commitChange(ctx, primary, { after, ops, result: undefined });
    return standalone.arn;
  });
}
