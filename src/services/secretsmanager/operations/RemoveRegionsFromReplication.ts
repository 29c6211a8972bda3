import type { RemoveRegionsFromReplicationRequest, RemoveRegionsFromReplicationResponse } from '../../../protocol/generated/secretsmanager';
import type { SecretsManagerContext } from '../context';
import { removeReplicas } from '../replication';
import { updateSecret } from '../secrets';
import { replicationStatus } from '../views';

export async function RemoveRegionsFromReplication(ctx: SecretsManagerContext, input: RemoveRegionsFromReplicationRequest): Promise<RemoveRegionsFromReplicationResponse> {
  return updateSecret(ctx, input.SecretId, {}, async (record) => {
    const ops = await removeReplicas(ctx, record, input.RemoveReplicaRegions);
    return { after: record, ops, result: { ARN: record.arn, ReplicationStatus: replicationStatus(record) ?? [] } };
  });
}
