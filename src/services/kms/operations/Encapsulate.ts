import type { EncapsulateRequest, EncapsulateResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { encapsulate } from '../crypto/kem';
import { checkDryRun, keyMaterial } from '../requests';

export async function Encapsulate(ctx: KmsContext, input: EncapsulateRequest): Promise<EncapsulateResponse> {
  const key = await ctx.kms.findKey(ctx, input.KeyId, { aliases: true, state: 'use', usage: 'ENCAPSULATE_DECAPSULATE', operation: 'Encapsulate' });
  const algorithm = input.EncapsulationAlgorithm;
  checkDryRun(input);
  const { sharedSecret, ciphertext } = encapsulate(key.keySpec, keyMaterial(ctx.kms, key));
  return { KeyId: key.arn, SharedSecret: sharedSecret, SharedSecretCiphertextBlob: ciphertext, EncapsulationAlgorithm: algorithm };
}
