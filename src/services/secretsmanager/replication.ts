// Multi-Region secrets: a primary lists its replicas; each replica region holds a read-only
// copy written with every change of the primary (see secrets.ts). Replicating onto a name that
// is taken in the other region fails for that region unless ForceOverwriteReplicaSecret.
import type { ReplicaRegionType } from '@aws-sdk/client-secrets-manager';
import { InvalidParameterException } from '../../protocol/errors';
import type { BatchOp } from '../../store/store';
import type { SecretsManagerContext } from './context';
import { purgeOps } from './deletion';
import type { SecretRecord } from './records';
import { repository } from './secrets';

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
    if (!region) throw new InvalidParameterException('Region must be specified for each replica.');
    if (region === record.region || replicas.some((r) => r.region === region)) {
      throw new InvalidParameterException(`Invalid replica Region: ${region}. A secret can't be replicated to its own Region or twice to the same Region.`);
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
