import type { RetireGrantRequest } from '../../../protocol/generated/kms';
import { ValidationException } from '../../../protocol/errors';
import type { KmsContext } from '../context';
import { parseGrantToken } from '../grant-tokens';
import { removeGrant } from '../grants';

export async function RetireGrant(ctx: KmsContext, input: RetireGrantRequest): Promise<void> {
  // By token (it names its grant and key), or by key id and grant id together.
  if (input.GrantToken !== undefined) {
    const { keyArn, grantId } = parseGrantToken(ctx.kms, input.GrantToken);
    await removeGrant(ctx, keyArn, grantId, input);
    return;
  }
  if (input.KeyId === undefined || input.GrantId === undefined) throw new ValidationException('Grant token OR (grant ID, key ID) must be specified');
  await removeGrant(ctx, input.KeyId, input.GrantId, input);
}
