/** GenerateMac / VerifyMac: HMAC with SHA-224/256/384/512. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { CryptoInputError, asBuffer } from './errors';
import { secretKeyBytes, type KeyMaterial } from './keys';
import { MAC_ALGORITHMS, macAlgorithmsFor, type KeySpec, type MacAlgorithm } from './specs';

function checkAlgorithm(spec: KeySpec, algorithm: MacAlgorithm): void {
  if (!macAlgorithmsFor(spec).includes(algorithm)) {
    throw new CryptoInputError('ALGORITHM_MISMATCH', `MAC algorithm ${algorithm} is not valid for key spec ${spec}`);
  }
}

export function generateMac(spec: KeySpec, material: KeyMaterial, algorithm: MacAlgorithm, message: Uint8Array): Buffer {
  checkAlgorithm(spec, algorithm);
  return createHmac(MAC_ALGORITHMS[algorithm].hash, secretKeyBytes(spec, material)).update(asBuffer(message, 'message')).digest();
}

/** Constant-time comparison; a MAC of the wrong length is simply invalid. */
export function verifyMac(spec: KeySpec, material: KeyMaterial, algorithm: MacAlgorithm, message: Uint8Array, mac: Uint8Array): boolean {
  const expected = generateMac(spec, material, algorithm, message);
  const given = asBuffer(mac, 'mac');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
