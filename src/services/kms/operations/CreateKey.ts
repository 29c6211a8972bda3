import { noteResource } from '../../../pipeline/context';
import type { CreateKeyRequest, CreateKeyResponse } from '../../../protocol/generated/kms';
import { ValidationException } from '../../../protocol/errors';
import { isUsageAllowed, keySpecInfo } from '../crypto/specs';
import type { KmsContext } from '../context';
import { createKeyInStore } from '../custom-key-stores';
import { keyMetadata } from '../keys';
import { checkKeyPolicy } from '../policy';
import { checkNewTags } from '../tags';

export async function CreateKey(ctx: KmsContext, input: CreateKeyRequest): Promise<CreateKeyResponse> {
  if (input.KeySpec !== undefined && input.CustomerMasterKeySpec !== undefined && input.KeySpec !== input.CustomerMasterKeySpec) {
    throw new ValidationException('You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.');
  }
  const keySpec = input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
  if (keySpec !== 'SYMMETRIC_DEFAULT' && input.KeyUsage === undefined) {
    throw new ValidationException('You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.');
  }
  const keyUsage = input.KeyUsage ?? 'ENCRYPT_DECRYPT';
  if (!isUsageAllowed(keySpec, keyUsage)) throw new ValidationException(`KeyUsage ${keyUsage} is not compatible with KeySpec ${keySpec}`);
  if (keySpecInfo(keySpec).chinaRegionsOnly && !ctx.region.startsWith('cn-')) {
    throw new ValidationException(`KeySpec ${keySpec} is not supported in this region.`);
  }
  const origin = input.Origin ?? 'AWS_KMS';
  if (input.CustomKeyStoreId === undefined && (origin === 'AWS_CLOUDHSM' || origin === 'EXTERNAL_KEY_STORE')) {
    throw new ValidationException(`Origin ${origin} requires a CustomKeyStoreId.`);
  }
  if (input.Tags) checkNewTags(input.Tags);
  if (input.Policy !== undefined) checkKeyPolicy(input.Policy);

  const spec = { keySpec, keyUsage, origin, description: input.Description, policy: input.Policy, tags: input.Tags, multiRegion: input.MultiRegion };
  const key =
    input.CustomKeyStoreId === undefined
      ? await ctx.kms.createKey(ctx, spec)
      : await createKeyInStore(ctx, input.CustomKeyStoreId, { ...spec, xksKeyId: input.XksKeyId });
  // The new key is the call's resource, as CloudTrail lists it for CreateKey.
  noteResource(ctx, { type: 'AWS::KMS::Key', arn: key.arn, accountId: key.accountId });
  return { KeyMetadata: keyMetadata(key) };
}
