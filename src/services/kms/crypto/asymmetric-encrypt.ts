/**
 * Asymmetric Encrypt / Decrypt: RSAES-OAEP with SHA-1 or SHA-256 (MGF1 with the same hash,
 * empty label), so data encrypted offline with the SPKI public key decrypts here; and SM2PKE
 * (GM/T 0009 DER, C1C3C2 — see sm2.ts).
 */
import { constants, privateDecrypt, publicEncrypt } from 'node:crypto';
import { CryptoInputError, asBuffer } from './errors';
import { ecPrivateScalar, ecPublicPoint, privateKeyObject, publicKeyObject, type KeyMaterial } from './keys';
import { ENCRYPTION_ALGORITHMS, encryptionAlgorithmsFor, keySpecInfo, maxPlaintextLength, type EncryptionAlgorithm, type KeySpec } from './specs';
import { sm2Decrypt, sm2Encrypt } from './sm2';

type AsymmetricEncryptionAlgorithm = Exclude<EncryptionAlgorithm, 'SYMMETRIC_DEFAULT'>;

function check(spec: KeySpec, algorithm: EncryptionAlgorithm): asserts algorithm is AsymmetricEncryptionAlgorithm {
  const info = keySpecInfo(spec);
  if (info.family !== 'RSA' && info.family !== 'SM2') {
    throw new CryptoInputError('ALGORITHM_MISMATCH', `Key spec ${spec} does not do asymmetric encryption`);
  }
  if (!encryptionAlgorithmsFor(spec).includes(algorithm)) {
    throw new CryptoInputError('ALGORITHM_MISMATCH', `Encryption algorithm ${algorithm} is not valid for key spec ${spec}`);
  }
}

export function asymmetricEncrypt(spec: KeySpec, material: KeyMaterial, algorithm: EncryptionAlgorithm, plaintext: Uint8Array): Buffer {
  check(spec, algorithm);
  const data = asBuffer(plaintext, 'plaintext');
  const limit = maxPlaintextLength(spec, algorithm);
  if (data.length > limit) {
    throw new CryptoInputError('PLAINTEXT_TOO_LARGE', `Plaintext of ${data.length} bytes exceeds the ${limit}-byte limit of ${algorithm} with ${spec}`, {
      limit,
      actual: data.length,
    });
  }
  if (algorithm === 'SM2PKE') return sm2Encrypt(ecPublicPoint(spec, material), data);
  const key = publicKeyObject(spec, material);
  return publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: ENCRYPTION_ALGORITHMS[algorithm].oaepHash }, data);
}

/** Throws DECRYPT_FAILED for any ciphertext that does not decrypt with this key and algorithm. */
export function asymmetricDecrypt(spec: KeySpec, material: KeyMaterial, algorithm: EncryptionAlgorithm, ciphertext: Uint8Array): Buffer {
  check(spec, algorithm);
  const data = asBuffer(ciphertext, 'ciphertext');
  if (algorithm === 'SM2PKE') {
    const out = sm2Decrypt(ecPrivateScalar(spec, material), data);
    if (!out) throw new CryptoInputError('DECRYPT_FAILED', 'SM2PKE ciphertext does not decrypt with this key');
    return out;
  }
  const key = privateKeyObject(spec, material);
  if (data.length !== keySpecInfo(spec).modulusBits! / 8) {
    throw new CryptoInputError('DECRYPT_FAILED', `RSA ciphertext must be ${keySpecInfo(spec).modulusBits! / 8} bytes`);
  }
  try {
    return privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: ENCRYPTION_ALGORITHMS[algorithm].oaepHash }, data);
  } catch {
    throw new CryptoInputError('DECRYPT_FAILED', `Ciphertext does not decrypt with ${algorithm}`);
  }
}
