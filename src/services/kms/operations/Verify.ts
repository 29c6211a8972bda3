import type { VerifyRequest, VerifyResponse } from '../../../protocol/generated/kms';
import { KMSInvalidSignatureException } from '../../../protocol/errors';
import type { KmsContext } from '../context';
import { verify } from '../crypto/sign';
import { checkDryRun, keyMaterial, withCrypto } from '../requests';

export async function Verify(ctx: KmsContext, input: VerifyRequest): Promise<VerifyResponse> {
  const key = await ctx.kms.findKey(ctx, input.KeyId, { aliases: true, state: 'use', usage: 'SIGN_VERIFY', operation: 'Verify' });
  const algorithm = input.SigningAlgorithm;
  const messageType = input.MessageType ?? 'RAW';
  const valid = withCrypto({ keySpec: key.keySpec, algorithm, messageType }, () =>
    verify(key.keySpec, keyMaterial(ctx.kms, key), algorithm, input.Message, messageType, input.Signature),
  );
  // AWS never answers SignatureValid: false; a mismatch is this error, with no message.
  if (!valid) throw new KMSInvalidSignatureException();
  checkDryRun(input);
  return { KeyId: key.arn, SignatureValid: true, SigningAlgorithm: algorithm };
}
