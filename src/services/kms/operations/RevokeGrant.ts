import type { RevokeGrantRequest } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { removeGrant } from '../grants';

export async function RevokeGrant(ctx: KmsContext, input: RevokeGrantRequest): Promise<void> {
  await removeGrant(ctx, input.KeyId, input.GrantId, input);
}
