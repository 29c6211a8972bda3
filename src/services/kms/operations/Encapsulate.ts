import type { EncapsulateRequest, EncapsulateResponse } from '@aws-sdk/client-kms';
import type { KmsContext } from '../context';
import { encapsulate } from '../crypto/kem';
import type { KeySpec } from '../crypto/specs';
import { checkDryRun, keyMaterial } from '../requests';

export async function Encapsulate(ctx: KmsContext, input: EncapsulateRequest): Promise<EncapsulateResponse> {
  const key = await ctx.kms.findKey(ctx, input.KeyId!, { aliases: true, state: 'use', usage: 'ENCAPSULATE_DECAPSULATE', operation: 'Encapsulate' });
  const algorithm = input.EncapsulationAlgorithm!;
  checkDryRun(input);
  const { sharedSecret, ciphertext } = encapsulate(key.keySpec as KeySpec, keyMaterial(ctx.kms, key));
  return { KeyId: key.arn, SharedSecret: sharedSecret, SharedSecretCiphertextBlob: ciphertext, EncapsulationAlgorithm: algorithm };
}
