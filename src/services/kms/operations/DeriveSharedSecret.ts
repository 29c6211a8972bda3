import type { DeriveSharedSecretRequest, DeriveSharedSecretResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { deriveSharedSecret } from '../crypto/agreement';
import { checkDryRun, keyMaterial, rejectRecipient, withCrypto } from '../requests';

export async function DeriveSharedSecret(ctx: KmsContext, input: DeriveSharedSecretRequest): Promise<DeriveSharedSecretResponse> {
  rejectRecipient('DeriveSharedSecret', input);
  const key = await ctx.kms.findKey(ctx, input.KeyId, { aliases: true, state: 'use', usage: 'KEY_AGREEMENT', operation: 'DeriveSharedSecret' });
  const algorithm = input.KeyAgreementAlgorithm;
  // A peer key that does not parse or is on another curve: ValidationException, no message (AWS).
  const secret = withCrypto({ keySpec: key.keySpec, algorithm }, () =>
    deriveSharedSecret(key.keySpec, keyMaterial(ctx.kms, key), input.PublicKey, algorithm),
  );
  checkDryRun(input);
  return { KeyId: key.arn, SharedSecret: secret, KeyAgreementAlgorithm: algorithm, KeyOrigin: key.origin };
}
