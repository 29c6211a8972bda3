import type { GenerateDataKeyWithoutPlaintextRequest, GenerateDataKeyWithoutPlaintextResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { dataKeyLength, dataKeyParent, newDataKey } from '../data-keys';
import { checkDryRun } from '../requests';

export async function GenerateDataKeyWithoutPlaintext(ctx: KmsContext, input: GenerateDataKeyWithoutPlaintextRequest): Promise<GenerateDataKeyWithoutPlaintextResponse> {
  const length = dataKeyLength(input);
  const key = await dataKeyParent(ctx.kms, ctx, input.KeyId, 'GenerateDataKeyWithoutPlaintext');
  checkDryRun(input);
  const { ciphertext } = newDataKey(ctx.kms, key, length, input.EncryptionContext);
  return { CiphertextBlob: ciphertext, KeyId: key.arn, KeyMaterialId: key.currentMaterialId };
}
