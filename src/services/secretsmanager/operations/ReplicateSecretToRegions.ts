import type { ReplicateSecretToRegionsRequest, ReplicateSecretToRegionsResponse } from '../../../protocol/generated/secretsmanager';
import type { SecretsManagerContext } from '../context';
import { addReplicas } from '../replication';
import { updateSecret } from '../secrets';
import { replicationStatus } from '../views';

export async function ReplicateSecretToRegions(ctx: SecretsManagerContext, input: ReplicateSecretToRegionsRequest): Promise<ReplicateSecretToRegionsResponse> {
  // The record comes back after the commit, with the status of each replica as it ended up.
  const primary = await updateSecret(ctx, input.SecretId, {}, async (record) => {
    const ops = await addReplicas(ctx, record, input.AddReplicaRegions, input.ForceOverwriteReplicaSecret ?? false);
    return { after: record, ops, result: record };
  });
  return { ARN: primary.arn, ReplicationStatus: replicationStatus(primary) };
}
