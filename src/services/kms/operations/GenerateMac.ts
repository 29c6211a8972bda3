import type { GenerateMacRequest, GenerateMacResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { generateMac } from '../crypto/mac';
import { checkDryRun, keyMaterial, withCrypto } from '../requests';

export async function GenerateMac(ctx: KmsContext, input: GenerateMacRequest): Promise<GenerateMacResponse> {
  const key = await ctx.kms.findKey(ctx, input.KeyId, { aliases: true, state: 'use', usage: 'GENERATE_VERIFY_MAC', operation: 'GenerateMac' });
  const algorithm = input.MacAlgorithm;
  const mac = withCrypto({ keySpec: key.keySpec, algorithm }, () => generateMac(key.keySpec, keyMaterial(ctx.kms, key), algorithm, input.Message));
  checkDryRun(input);
  return { Mac: mac, MacAlgorithm: algorithm, KeyId: key.arn };
}
