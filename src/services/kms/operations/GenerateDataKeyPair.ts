import type { GenerateDataKeyPairRequest, GenerateDataKeyPairResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { checkKeyPairSpec, dataKeyParent, newDataKeyPair } from '../data-keys';
import { checkDryRun, rejectRecipient } from '../requests';

export async function GenerateDataKeyPair(ctx: KmsContext, input: GenerateDataKeyPairRequest): Promise<GenerateDataKeyPairResponse> {
  rejectRecipient('GenerateDataKeyPair', input);
  const spec = input.KeyPairSpec;
  const key = await dataKeyParent(ctx.kms, ctx, input.KeyId, 'GenerateDataKeyPair');
  checkKeyPairSpec(ctx, spec);
  checkDryRun(input);
  const pair = await newDataKeyPair(ctx.kms, key, spec, input.EncryptionContext);
  return {
    PrivateKeyCiphertextBlob: pair.privateKeyCiphertext,
    PrivateKeyPlaintext: pair.privateKey,
    PublicKey: pair.publicKey,
    KeyId: key.arn,
    KeyPairSpec: spec,
    KeyMaterialId: key.currentMaterialId,
  };
}
