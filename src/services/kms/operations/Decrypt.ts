import type { DecryptRequest, DecryptResponse } from '../../../protocol/generated/kms';
import { DryRunOperationException } from '../../../protocol/errors';
import type { KmsContext } from '../context';
import { decryptCiphertext } from '../encryption';
import { checkDryRun, ignoresCiphertext, rejectRecipient, requiredCiphertext } from '../requests';

export async function Decrypt(ctx: KmsContext, input: DecryptRequest): Promise<DecryptResponse> {
  rejectRecipient('Decrypt', input);
  if (ignoresCiphertext(input)) {
    if (input.KeyId !== undefined) await ctx.kms.findKey(ctx, input.KeyId, { aliases: true, state: 'use' });
    throw new DryRunOperationException();
  }
  const result = await decryptCiphertext(
    ctx.kms,
    ctx,
    { ciphertext: requiredCiphertext(input.CiphertextBlob), keyId: input.KeyId, algorithm: input.EncryptionAlgorithm, context: input.EncryptionContext },
    'Decrypt',
  );
  checkDryRun(input);
  return { KeyId: result.key.arn, Plaintext: result.plaintext, EncryptionAlgorithm: result.algorithm, KeyMaterialId: result.materialId };
}
