import type { DecapsulateRequest, DecapsulateResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { decapsulate } from '../crypto/kem';
import { checkDryRun, keyMaterial, withCrypto } from '../requests';

export async function Decapsulate(ctx: KmsContext, input: DecapsulateRequest): Promise<DecapsulateResponse> {
  const key = await ctx.kms.findKey(ctx, input.KeyId, { aliases: true, state: 'use', usage: 'ENCAPSULATE_DECAPSULATE', operation: 'Decapsulate' });
  const algorithm = input.EncapsulationAlgorithm;
  // A ciphertext of the wrong length: InvalidCiphertextException. A corrupted one of the right
  // length decapsulates to another secret (FIPS 203 implicit rejection).
  const sharedSecret = withCrypto({ keySpec: key.keySpec, algorithm }, () =>
    decapsulate(key.keySpec, keyMaterial(ctx.kms, key), input.SharedSecretCiphertextBlob),
  );
  checkDryRun(input);
  return { KeyId: key.arn, SharedSecret: sharedSecret, EncapsulationAlgorithm: algorithm };
}
