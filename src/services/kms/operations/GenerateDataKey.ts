import type { GenerateDataKeyRequest, GenerateDataKeyResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { dataKeyLength, dataKeyParent, newDataKey } from '../data-keys';
import { checkDryRun, rejectRecipient } from '../requests';

export async function GenerateDataKey(ctx: KmsContext, input: GenerateDataKeyRequest): Promise<GenerateDataKeyResponse> {
  rejectRecipient('GenerateDataKey', input);
  const length = dataKeyLength(input);
  const key = await dataKeyParent(ctx.kms, ctx, input.KeyId, 'GenerateDataKey');
  checkDryRun(input);
  const { plaintext, ciphertext } = newDataKey(ctx.kms, key, length, input.EncryptionContext);
  return { CiphertextBlob: ciphertext, Plaintext: plaintext, KeyId: key.arn, KeyMaterialId: key.currentMaterialId };
}
