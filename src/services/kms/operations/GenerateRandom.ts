import type { GenerateRandomRequest, GenerateRandomResponse } from '../../../protocol/generated/kms';
import { ValidationException } from '../../../protocol/errors';
import type { KmsContext } from '../context';
import { checkRandomSource } from '../custom-key-stores';
import { randomBytesPooled } from '../random';

export async function GenerateRandom(ctx: KmsContext, input: GenerateRandomRequest): Promise<GenerateRandomResponse> {
  // NumberOfBytes is optional in the model (a Recipient can ask instead), yet AWS requires it.
  if (input.NumberOfBytes === undefined) throw new ValidationException('NumberOfBytes is required.');
  // Bytes "from the CloudHSM cluster" of a CloudHSM key store: it must be connected; external key
  // stores generate no random bytes (AWS API reference). Here they come from the same source.
  if (input.CustomKeyStoreId !== undefined) await checkRandomSource(ctx, input.CustomKeyStoreId);
  return { Plaintext: randomBytesPooled(input.NumberOfBytes) };
}
