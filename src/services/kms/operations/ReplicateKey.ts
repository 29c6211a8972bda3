import type { ReplicateKeyRequest, ReplicateKeyResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { replicateKey } from '../multi-region';

export function ReplicateKey(ctx: KmsContext, input: ReplicateKeyRequest): Promise<ReplicateKeyResponse> {
  return replicateKey(ctx, input);
}
