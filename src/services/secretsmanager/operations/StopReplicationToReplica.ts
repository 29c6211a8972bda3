import type { StopReplicationToReplicaRequest, StopReplicationToReplicaResponse } from '../../../protocol/generated/secretsmanager';
import type { SecretsManagerContext } from '../context';
import { promoteReplica } from '../replication';
import { findSecret } from '../secrets';

export async function StopReplicationToReplica(ctx: SecretsManagerContext, input: StopReplicationToReplicaRequest): Promise<StopReplicationToReplicaResponse> {
  return { ARN: await promoteReplica(ctx, await findSecret(ctx, input.SecretId)) };
}
