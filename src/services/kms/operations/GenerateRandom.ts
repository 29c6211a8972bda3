import type { GenerateRandomRequest, GenerateRandomResponse } from '../../../protocol/generated/kms';
import { CustomKeyStoreNotFoundException, ValidationException } from '../../../protocol/errors';
import type { KmsContext } from '../context';
import { randomBytesPooled } from '../random';

export function GenerateRandom(_ctx: KmsContext, input: GenerateRandomRequest): GenerateRandomResponse {
  // NumberOfBytes is optional in the model (a Recipient can ask instead), yet AWS requires it.
  if (input.NumberOfBytes === undefined) throw new ValidationException('NumberOfBytes is required.');
  // Strongroom has no custom key stores, so any id names one that does not exist.
  if (input.CustomKeyStoreId !== undefined) {
    throw new CustomKeyStoreNotFoundException(`Custom key store ID: ${input.CustomKeyStoreId} does not exist.`);
  }
  return { Plaintext: randomBytesPooled(input.NumberOfBytes) };
}
