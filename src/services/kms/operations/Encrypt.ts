import type { EncryptRequest, EncryptResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { encryptUnder } from '../encryption';
import { checkDryRun } from '../requests';

export async function Encrypt(ctx: KmsContext, input: EncryptRequest): Promise<EncryptResponse> {
  const key = await ctx.kms.findKey(ctx, input.KeyId, { aliases: true, state: 'use', usage: 'ENCRYPT_DECRYPT', operation: 'Encrypt' });
  const algorithm = input.EncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT';
  const { ciphertext } = encryptUnder(ctx.kms, key, algorithm, input.Plaintext, input.EncryptionContext);
  checkDryRun(input);
  return { CiphertextBlob: ciphertext, KeyId: key.arn, EncryptionAlgorithm: algorithm };
}
