import type { ReEncryptRequest, ReEncryptResponse } from '../../../protocol/generated/kms';
import { DryRunOperationException } from '../../../protocol/errors';
import type { KmsContext } from '../context';
import { decryptCiphertext, encryptUnder } from '../encryption';
import { checkDryRun, ignoresCiphertext, requiredCiphertext } from '../requests';

export async function ReEncrypt(ctx: KmsContext, input: ReEncryptRequest): Promise<ReEncryptResponse> {
  const find = (keyId: string) => ctx.kms.findKey(ctx, keyId, { aliases: true, state: 'use', usage: 'ENCRYPT_DECRYPT', operation: 'ReEncrypt' });
  if (ignoresCiphertext(input)) {
    if (input.SourceKeyId !== undefined) await find(input.SourceKeyId);
    await find(input.DestinationKeyId);
    throw new DryRunOperationException();
  }
  const source = await decryptCiphertext(
    ctx.kms,
    ctx,
    { ciphertext: requiredCiphertext(input.CiphertextBlob), keyId: input.SourceKeyId, algorithm: input.SourceEncryptionAlgorithm, context: input.SourceEncryptionContext },
    'ReEncrypt',
  );
  const destination = await find(input.DestinationKeyId);
  const algorithm = input.DestinationEncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT';
  const encrypted = encryptUnder(ctx.kms, destination, algorithm, source.plaintext, input.DestinationEncryptionContext);
  checkDryRun(input);
  return {
    CiphertextBlob: encrypted.ciphertext,
    SourceKeyId: source.key.arn,
    KeyId: destination.arn,
    SourceEncryptionAlgorithm: source.algorithm,
    DestinationEncryptionAlgorithm: algorithm,
    SourceKeyMaterialId: source.materialId,
    DestinationKeyMaterialId: encrypted.materialId,
  };
}
