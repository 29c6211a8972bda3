// Encrypting under a KMS key and decrypting a KMS ciphertext, as Encrypt, Decrypt, ReEncrypt
// and the data-key operations do. Symmetric keys use our self-describing envelope (the
// encryption context bound as AAD); RSA and SM2 keys use plain RSAES-OAEP / SM2PKE, so data
// encrypted offline with GetPublicKey's key decrypts here.
import type { EncryptionContext } from './ciphertext';
import { asymmetricDecrypt, asymmetricEncrypt } from './crypto/asymmetric-encrypt';
import { encryptionAlgorithmsFor, type EncryptionAlgorithm } from './crypto/specs';
import type { KmsEngine } from './engine';
import { checkState, type KeyScope } from './keys';
import type { KeyRecord } from './records';
import { incompatibleAlgorithm, incorrectKey } from './key-errors';
import { keyMaterial, rejectContext, withCrypto } from './requests';

export interface Encrypted {
  ciphertext: Buffer;
  /** Set for symmetric keys: the material the ciphertext was made with. */
  materialId?: string;
}

export interface Decrypted {
  key: KeyRecord;
  plaintext: Buffer;
  algorithm: EncryptionAlgorithm;
  /** Set for symmetric keys: the material the ciphertext was made with. */
  materialId?: string;
}

export interface DecryptRequest {
  ciphertext: Buffer;
  keyId?: string;
  algorithm?: EncryptionAlgorithm;
  context?: EncryptionContext;
}

function checkAlgorithm(key: KeyRecord, algorithm: EncryptionAlgorithm): void {
  if (!encryptionAlgorithmsFor(key.keySpec).includes(algorithm)) {
    throw incompatibleAlgorithm(algorithm, key.keySpec);
  }
}

/**
 * Encrypts under a key the caller found as an Enabled ENCRYPT_DECRYPT key. The algorithm must
 * be one of the key's (`SYMMETRIC_DEFAULT` when omitted, as AWS).
 */
export function encryptUnder(kms: KmsEngine, key: KeyRecord, algorithm: EncryptionAlgorithm, plaintext: Buffer, context: EncryptionContext | undefined): Encrypted {
  checkAlgorithm(key, algorithm);
  if (algorithm === 'SYMMETRIC_DEFAULT') {
    return { ciphertext: kms.encryptSymmetric(key, plaintext, context), materialId: key.currentMaterialId };
  }
  rejectContext(context);
  const ciphertext = withCrypto({ keySpec: key.keySpec, algorithm }, () => asymmetricEncrypt(key.keySpec, keyMaterial(kms, key), algorithm, plaintext));
  return { ciphertext };
}

/**
 * Decrypts a ciphertext. Without a KeyId it must be a symmetric envelope, which names its key.
 * A KeyId must name the key that made the ciphertext and be an ENCRYPT_DECRYPT key, else
 * IncorrectKeyException (AWS, also for a KeyId of a signing or HMAC key); asymmetric
 * ciphertexts need it, with their algorithm.
 */
export async function decryptCiphertext(kms: KmsEngine, scope: KeyScope, request: DecryptRequest, operation: string): Promise<Decrypted> {
  const { ciphertext, context } = request;
  if (request.keyId === undefined) {
    const { key, plaintext, materialId } = await kms.decryptSymmetric(scope, ciphertext, context, undefined, operation);
    const algorithm = request.algorithm ?? 'SYMMETRIC_DEFAULT';
    checkAlgorithm(key, algorithm);
    return { key, plaintext, algorithm, materialId };
  }
  const key = await kms.findKey(scope, request.keyId, { aliases: true });
  if (key.keyUsage !== 'ENCRYPT_DECRYPT') {
    throw incorrectKey();
  }
  checkState(key, 'use');
  const algorithm = request.algorithm ?? 'SYMMETRIC_DEFAULT';
  checkAlgorithm(key, algorithm);
  if (algorithm === 'SYMMETRIC_DEFAULT') {
    const { plaintext, materialId } = await kms.decryptSymmetric(scope, ciphertext, context, key, operation);
    return { key, plaintext, algorithm, materialId };
  }
  rejectContext(context);
  const plaintext = withCrypto({ keySpec: key.keySpec, algorithm }, () => asymmetricDecrypt(key.keySpec, keyMaterial(kms, key), algorithm, ciphertext));
  return { key, plaintext, algorithm };
}
