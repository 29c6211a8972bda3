// AWS's errors for a key that exists but cannot serve the request: the wrong key usage, an
// algorithm its key spec does not offer, or not the key a ciphertext was made under. Shared by
// the engine and the modules built on it (requests, data keys, encryption).
import { IncorrectKeyException, InvalidKeyUsageException, UnsupportedOperationException } from '../../protocol/errors';
import type { KeyRecord } from './records';

/** `<arn> key usage is SIGN_VERIFY which is not valid for Decrypt.` */
export function invalidKeyUsage(key: KeyRecord, operation: string | undefined): InvalidKeyUsageException {
  return new InvalidKeyUsageException(`${key.arn} key usage is ${key.keyUsage} which is not valid for ${operation}.`);
}

/** `Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_4096.` (InvalidKeyUsageException) */
export function incompatibleAlgorithm(algorithm: string, keySpec: string): InvalidKeyUsageException {
  return new InvalidKeyUsageException(`Algorithm ${algorithm} is incompatible with key spec ${keySpec}.`);
}

/** A KeyId that is not the key a ciphertext was made under, or not an encryption key (AWS's text). */
export function incorrectKey(): IncorrectKeyException {
  return new IncorrectKeyException('The key ID in the request does not identify a CMK that can perform this operation.');
}

/** `<arn> origin is AWS_KMS which is not valid for this operation.` (UnsupportedOperationException) */
export function unsupportedOrigin(key: KeyRecord): UnsupportedOperationException {
  return new UnsupportedOperationException(`${key.arn} origin is ${key.origin} which is not valid for this operation.`);
}
