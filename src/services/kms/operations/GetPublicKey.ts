import type { GetPublicKeyRequest, GetPublicKeyResponse } from '../../../protocol/generated/kms';
import { UnsupportedOperationException } from '../../../protocol/errors';
import type { KmsContext } from '../context';
import { publicKeyDer } from '../crypto/keys';
import { algorithmsFor, keySpecInfo } from '../crypto/specs';
import { keyMaterial } from '../requests';

export async function GetPublicKey(ctx: KmsContext, input: GetPublicKeyRequest): Promise<GetPublicKeyResponse> {
  const key = await ctx.kms.findKey(ctx, input.KeyId, { aliases: true, state: 'use' });
  const spec = key.keySpec;
  const { materialKind } = keySpecInfo(spec);
  if (materialKind === 'symmetric' || materialKind === 'hmac') {
    throw new UnsupportedOperationException(`${key.arn} key spec ${spec} is not supported for this operation.`);
  }
  return {
    KeyId: key.arn,
    PublicKey: publicKeyDer(spec, keyMaterial(ctx.kms, key)),
    CustomerMasterKeySpec: spec as GetPublicKeyResponse['CustomerMasterKeySpec'],
    KeySpec: spec,
    KeyUsage: key.keyUsage,
    ...algorithmsFor(spec, key.keyUsage),
  };
}
