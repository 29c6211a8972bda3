/**
 * Wrapping keys for imported key material (GetParametersForImport / ImportKeyMaterial): a fresh
 * RSA (or, in China Regions, SM2) key pair per request, and the unwrapping of material a user
 * encrypted under its public key, by each wrapping algorithm AWS offers:
 *
 *  - RSAES_PKCS1_V1_5, RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256: the material RSA-encrypted directly;
 *  - RSA_AES_KEY_WRAP_SHA_1/_256: a random AES-256 key RSA-OAEP-encrypted (modulus-size block),
 *    followed by the material wrapped under that key with AES Key Wrap with Padding (RFC 5649),
 *    what `openssl pkeyutl` + `openssl enc -id-aes256-wrap-pad` produce;
 *  - SM2PKE: the material SM2-encrypted (GM/T 0009 DER, C1C3C2).
 */
import { constants, createDecipheriv, privateDecrypt } from 'node:crypto';
import { asymmetricDecrypt } from './asymmetric-encrypt';
import { CryptoInputError } from './errors';
import { generateMaterial, privateKeyObject, publicKeyDer, type KeyMaterial } from './keys';
import { keySpecInfo } from './specs';

export type WrappingAlgorithm = 'RSAES_PKCS1_V1_5' | 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256' | 'RSA_AES_KEY_WRAP_SHA_1' | 'RSA_AES_KEY_WRAP_SHA_256' | 'SM2PKE';
export type WrappingKeySpec = 'RSA_2048' | 'RSA_3072' | 'RSA_4096' | 'SM2';

/** Whether `algorithm` works with a wrapping key of `spec` (SM2PKE with SM2 keys only). */
export function wrappingPairAllowed(algorithm: WrappingAlgorithm, spec: WrappingKeySpec): boolean {
  return (algorithm === 'SM2PKE') === (spec === 'SM2');
}

/** A new wrapping key pair: the private key as material (PKCS#8 DER), the public key as DER SPKI. RSA is made off the event loop. */
export async function generateWrappingKey(spec: WrappingKeySpec): Promise<{ privateKey: Buffer; publicKey: Buffer }> {
  const material = await generateMaterial(spec);
  return { privateKey: material.bytes, publicKey: publicKeyDer(spec, material) };
}

const AES_KWP_IV = Buffer.from('a65959a6', 'hex');

/** The material inside `wrapped`; throws DECRYPT_FAILED when it does not unwrap. */
export function unwrapKeyMaterial(spec: WrappingKeySpec, privateKey: Buffer, algorithm: WrappingAlgorithm, wrapped: Buffer): Buffer {
  const material: KeyMaterial = { kind: 'asymmetric', bytes: privateKey };
  if (algorithm === 'SM2PKE') return asymmetricDecrypt(spec, material, 'SM2PKE', wrapped);
  const key = privateKeyObject(spec, material);
  const blockBytes = keySpecInfo(spec).modulusBits! / 8;
  const fail = () => new CryptoInputError('DECRYPT_FAILED', `Key material does not unwrap with ${algorithm}`);
  try {
    if (algorithm === 'RSAES_PKCS1_V1_5') {
      if (wrapped.length !== blockBytes) throw fail();
      return pkcs1v15Unpad(privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, wrapped));
    }
    const oaepHash = algorithm.endsWith('SHA_1') ? 'sha1' : 'sha256';
    if (algorithm === 'RSAES_OAEP_SHA_1' || algorithm === 'RSAES_OAEP_SHA_256') {
      return privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, wrapped);
    }
    if (wrapped.length <= blockBytes) throw fail();
    const aesKey = privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, wrapped.subarray(0, blockBytes));
    if (aesKey.length !== 32) throw fail();
    const decipher = createDecipheriv('id-aes256-wrap-pad', aesKey, AES_KWP_IV);
    return Buffer.concat([decipher.update(wrapped.subarray(blockBytes)), decipher.final()]);
  } catch (err) {
    throw err instanceof CryptoInputError ? err : fail();
  }
}

/**
 * Strips RSAES-PKCS1-v1_5 padding (00 02 PS 00 M, PS at least 8 non-zero bytes). Node refuses
 * PKCS#1 v1.5 decryption by default since CVE-2023-46809, so the raw RSA result is checked here;
 * its timing does not matter for an emulator.
 */
function pkcs1v15Unpad(block: Buffer): Buffer {
  const separator = block.indexOf(0, 2);
  if (block[0] !== 0 || block[1] !== 2 || separator < 10) throw new CryptoInputError('DECRYPT_FAILED', 'Bad PKCS#1 v1.5 padding');
  return block.subarray(separator + 1);
}
