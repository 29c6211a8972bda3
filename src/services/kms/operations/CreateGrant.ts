import type { CreateGrantRequest, CreateGrantResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { newGrantToken } from '../grant-tokens';
import { checkGrantRequest, grantRepository, newGrant, sameGrant } from '../grants';
import { checkDryRun } from '../requests';

export async function CreateGrant(ctx: KmsContext, input: CreateGrantRequest): Promise<CreateGrantResponse> {
  const grants = grantRepository(ctx.kms);
  // Under the key's lock, so two retries of one named grant give one grant.
  return ctx.kms.updateKey(ctx, input.KeyId, { state: 'use' }, async (key) => {
    checkGrantRequest(key, input);
    checkDryRun(input);
    const wanted = newGrant(key, input, ctx.accountId, ctx.now);
    const existing = sameGrant(wanted.name ? await grants.ofKey(key) : [], wanted);
    const grant = existing ?? wanted;
    // A new token on every call, also for a grant that already existed (AWS: tokens of one grant are interchangeable).
    const result = { GrantId: grant.grantId, GrantToken: newGrantToken(ctx.kms, { grantId: grant.grantId, keyArn: key.arn }) };
    return { ops: existing ? [] : grants.put(key, grant), result };
  });
}
