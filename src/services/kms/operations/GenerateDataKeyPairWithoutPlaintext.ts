import type { GenerateDataKeyPairWithoutPlaintextRequest, GenerateDataKeyPairWithoutPlaintextResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { checkKeyPairSpec, dataKeyParent, newDataKeyPair } from '../data-keys';
import { checkDryRun } from '../requests';

export async function GenerateDataKeyPairWithoutPlaintext(
  ctx: KmsContext,
  input: GenerateDataKeyPairWithoutPlaintextRequest,
): Promise<GenerateDataKeyPairWithoutPlaintextResponse> {
  const spec = input.KeyPairSpec;
  const key = await dataKeyParent(ctx.kms, ctx, input.KeyId, 'GenerateDataKeyPairWithoutPlaintext');
  checkKeyPairSpec(ctx, spec);
  checkDryRun(input);
  const pair = await newDataKeyPair(ctx.kms, key, spec, input.EncryptionContext);
  return { PrivateKeyCiphertextBlob: pair.privateKeyCiphertext, PublicKey: pair.publicKey, KeyId: key.arn, KeyPairSpec: spec, KeyMaterialId: key.currentMaterialId };
}
