// Rules every KMS cryptographic operation shares: DryRun, the parameters Strongroom does not
// emulate, and the translation of the crypto layer's input errors into the AWS errors the
// operations answer with.
import { DryRunOperationException, InvalidCiphertextException, NotImplementedYet, ValidationException } from '../../protocol/errors';
import type { EncryptionContext } from './ciphertext';
import type { KmsEngine } from './engine';
import { CryptoInputError } from './crypto/errors';
import type { KeyMaterial } from './crypto/keys';
import { keySpecInfo } from './crypto/specs';
import { incompatibleAlgorithm } from './key-errors';
import type { KeyRecord } from './records';

/** Called once every check passed: with DryRun set, AWS answers this instead of the result. */
export function checkDryRun(input: { DryRun?: boolean }): void {
  if (input.DryRun) throw new DryRunOperationException();
}

/** DryRunModifiers IGNORE_CIPHERTEXT (Decrypt, ReEncrypt): a dry run that checks the keys, not the ciphertext. */
export function ignoresCiphertext(input: { DryRun?: boolean; DryRunModifiers?: string[] }): boolean {
  return input.DryRun === true && (input.DryRunModifiers?.includes('IGNORE_CIPHERTEXT') ?? false);
}

/** CiphertextBlob: optional in the model only for IGNORE_CIPHERTEXT dry runs. Blobs arrive as Buffers. */
export function requiredCiphertext(blob: Buffer | undefined): Buffer {
  if (blob === undefined) {
    throw new ValidationException("1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null");
  }
  return blob;
}

/** Nitro Enclaves attestation (`Recipient`) is not emulated. */
export function rejectRecipient(operation: string, input: { Recipient?: unknown }): void {
  if (input.Recipient !== undefined) throw new NotImplementedYet(`${operation} with a Recipient (Nitro Enclaves attestation)`);
}

/** AWS: "The standard asymmetric encryption algorithms … do not support an encryption context." */
export function rejectContext(context: EncryptionContext | undefined): void {
  if (context && Object.keys(context).length > 0) {
    throw new ValidationException('EncryptionContext is not supported with asymmetric KMS keys.');
  }
}

/** The key's current material in the form the crypto layer takes. */
export function keyMaterial(kms: KmsEngine, key: KeyRecord): KeyMaterial {
  return { kind: keySpecInfo(key.keySpec).materialKind, bytes: kms.currentMaterial(key) };
}

export interface CryptoRequest {
  keySpec: string;
  algorithm: string;
  messageType?: string;
}

/**
 * Runs a crypto-layer call; its input errors become AWS's: an algorithm that does not fit the
 * key spec, a message type or digest length the algorithm refuses, plaintext over the RSA
 * limit, an unusable peer public key (ValidationException with no message), a ciphertext that
 * does not decrypt (InvalidCiphertextException with no message).
 */
export function withCrypto<T>(request: CryptoRequest, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (!(err instanceof CryptoInputError)) throw err;
    const { keySpec, algorithm, messageType } = request;
    switch (err.reason) {
      case 'ALGORITHM_MISMATCH':
        throw incompatibleAlgorithm(algorithm, keySpec);
      case 'MESSAGE_TYPE':
        throw new ValidationException(`MessageType ${messageType} is not supported with signing algorithm ${algorithm}.`);
      case 'DIGEST_LENGTH':
        throw new ValidationException(`Digest is invalid length for algorithm ${algorithm}.`);
      case 'PLAINTEXT_TOO_LARGE':
        throw new ValidationException(`Algorithm ${algorithm} and key spec ${keySpec} cannot encrypt data larger than ${String(err.details.limit)} bytes.`);
      case 'BAD_PUBLIC_KEY':
        throw new ValidationException();
      case 'DECRYPT_FAILED':
      case 'BAD_CIPHERTEXT':
        throw new InvalidCiphertextException();
      default:
        throw err;
    }
  }
}
