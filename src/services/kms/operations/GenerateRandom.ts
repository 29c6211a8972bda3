import { randomFillSync } from 'node:crypto';
import type { GenerateRandomRequest, GenerateRandomResponse } from '@aws-sdk/client-kms';
import { CustomKeyStoreNotFoundException, ValidationException } from '../../../protocol/errors';
import type { KmsContext } from '../context';

// Each call into the CSPRNG costs a few microseconds whatever its size, so bytes are drawn in
// blocks and handed out once each. The model caps NumberOfBytes at 1024, well below a block.
const BLOCK = 16 * 1024;
const block = Buffer.allocUnsafe(BLOCK);
let used = BLOCK;

function randomBytes(n: number): Buffer {
  if (used + n > BLOCK) {
    randomFillSync(block);
    used = 0;
  }
  const bytes = Buffer.from(block.subarray(used, used + n));
  used += n;
  return bytes;
}

export function GenerateRandom(_ctx: KmsContext, input: GenerateRandomRequest): GenerateRandomResponse {
  // NumberOfBytes is optional in the model (a Recipient can ask instead), yet AWS requires it.
  if (input.NumberOfBytes === undefined) throw new ValidationException('NumberOfBytes is required.');
  // Strongroom has no custom key stores, so any id names one that does not exist.
  if (input.CustomKeyStoreId !== undefined) {
    throw new CustomKeyStoreNotFoundException(`Custom key store ID: ${input.CustomKeyStoreId} does not exist.`);
  }
  return { Plaintext: randomBytes(input.NumberOfBytes) };
}
