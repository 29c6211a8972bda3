import type { SignRequest, SignResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { sign } from '../crypto/sign';
import { checkDryRun, keyMaterial, withCrypto } from '../requests';

export async function Sign(ctx: KmsContext, input: SignRequest): Promise<SignResponse> {
  const key = await ctx.kms.findKey(ctx, input.KeyId, { aliases: true, state: 'use', usage: 'SIGN_VERIFY', operation: 'Sign' });
  const algorithm = input.SigningAlgorithm;
  const messageType = input.MessageType ?? 'RAW';
  // The crypto layer checks the algorithm, the message type and a digest's length in AWS's order.
  const signature = withCrypto({ keySpec: key.keySpec, algorithm, messageType }, () =>
    sign(key.keySpec, keyMaterial(ctx.kms, key), algorithm, input.Message, messageType),
  );
  checkDryRun(input);
  return { KeyId: key.arn, Signature: signature, SigningAlgorithm: algorithm };
}
