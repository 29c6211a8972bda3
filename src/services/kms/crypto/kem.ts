/** Encapsulate / Decapsulate with ML-KEM (FIPS 203) via @noble/post-quantum. */
import { CryptoInputError, asBuffer } from './errors';
import { pqcKeyPair, pqcPublicKeyFromSpki, type KeyMaterial } from './keys';
import { mlKem } from './noble';
import { keySpecInfo, type KeySpec } from './specs';

export interface Encapsulation {
  sharedSecret: Buffer;
  ciphertext: Buffer;
}

function kemFor(spec: KeySpec) {
  if (keySpecInfo(spec).family !== 'ML_KEM') {
    throw new CryptoInputError('ALGORITHM_MISMATCH', `Key spec ${spec} does not support ML_KEM encapsulation`);
  }
  return mlKem(spec);
}

/** Encapsulates to the key's own public key (the KMS Encapsulate operation). */
export function encapsulate(spec: KeySpec, material: KeyMaterial): Encapsulation {
  const kem = kemFor(spec);
  const { cipherText, sharedSecret } = kem.encapsulate(pqcKeyPair(spec, material).publicKey);
  return { sharedSecret: Buffer.from(sharedSecret), ciphertext: Buffer.from(cipherText) };
}

/** Encapsulates to a public key given as DER SPKI (what GetPublicKey returns). */
export function encapsulateToPublicKey(spec: KeySpec, publicKeySpkiDer: Uint8Array): Encapsulation {
  const kem = kemFor(spec);
  const publicKey = pqcPublicKeyFromSpki(spec, publicKeySpkiDer);
  let result: { cipherText: Uint8Array; sharedSecret: Uint8Array };
  try {
    result = kem.encapsulate(publicKey);
  } catch (err) {
    throw new CryptoInputError('BAD_PUBLIC_KEY', `Invalid ${spec} public key: ${(err as Error).message}`);
  }
  return { sharedSecret: Buffer.from(result.sharedSecret), ciphertext: Buffer.from(result.cipherText) };
}

/**
 * Recovers the shared secret. A ciphertext of the wrong length is BAD_CIPHERTEXT; a corrupted
 * ciphertext of the right length yields a different (pseudo-random) secret, per FIPS 203
 * implicit rejection.
 */
export function decapsulate(spec: KeySpec, material: KeyMaterial, ciphertext: Uint8Array): Buffer {
  const kem = kemFor(spec);
  const ct = asBuffer(ciphertext, 'ciphertext');
  if (ct.length !== kem.lengths.cipherText) {
    throw new CryptoInputError('BAD_CIPHERTEXT', `${spec} ciphertext must be ${kem.lengths.cipherText} bytes, got ${ct.length}`, {
      expected: kem.lengths.cipherText,
      actual: ct.length,
    });
  }
  return Buffer.from(kem.decapsulate(ct, pqcKeyPair(spec, material).secretKey));
}
