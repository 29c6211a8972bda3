import type { VerifyMacRequest, VerifyMacResponse } from '../../../protocol/generated/kms';
import { KMSInvalidMacException } from '../../../protocol/errors';
import type { KmsContext } from '../context';
import { verifyMac } from '../crypto/mac';
import { checkDryRun, keyMaterial, withCrypto } from '../requests';

export async function VerifyMac(ctx: KmsContext, input: VerifyMacRequest): Promise<VerifyMacResponse> {
  const key = await ctx.kms.findKey(ctx, input.KeyId, { aliases: true, state: 'use', usage: 'GENERATE_VERIFY_MAC', operation: 'VerifyMac' });
  const algorithm = input.MacAlgorithm;
  const valid = withCrypto({ keySpec: key.keySpec, algorithm }, () =>
    verifyMac(key.keySpec, keyMaterial(ctx.kms, key), algorithm, input.Message, input.Mac),
  );
  // AWS never answers MacValid: false; a mismatch is this error, with no message.
  if (!valid) throw new KMSInvalidMacException();
  checkDryRun(input);
  return { KeyId: key.arn, MacValid: true, MacAlgorithm: algorithm };
}
