/** DeriveSharedSecret: ECDH on the NIST curves and SM2; the raw shared secret (x coordinate). */
import { createPublicKey, diffieHellman, type KeyObject } from 'node:crypto';
import { CryptoInputError, asBuffer } from './errors';
import { ecPrivateScalar, privateKeyObject, type KeyMaterial } from './keys';
import { keyAgreementAlgorithmsFor, keySpecInfo, type KeyAgreementAlgorithm, type KeySpec } from './specs';
import { sm2Ecdh, sm2ParseSpki } from './sm2';

/**
 * ECDH between the key and a peer public key given as DER SubjectPublicKeyInfo. The peer key
 * must be an EC key on the same curve (BAD_PUBLIC_KEY otherwise, also if unparsable).
 */
export function deriveSharedSecret(
  spec: KeySpec,
  material: KeyMaterial,
  peerPublicKeyDer: Uint8Array,
  algorithm: KeyAgreementAlgorithm = 'ECDH',
): Buffer {
  if (!keyAgreementAlgorithmsFor(spec).includes(algorithm)) {
    throw new CryptoInputError('ALGORITHM_MISMATCH', `Key agreement algorithm ${algorithm} is not valid for key spec ${spec}`);
  }
  const info = keySpecInfo(spec);
  const peerDer = asBuffer(peerPublicKeyDer, 'public key');
  if (info.family === 'SM2') {
    let point: Uint8Array;
    try {
      point = sm2ParseSpki(peerDer);
    } catch (err) {
      throw new CryptoInputError('BAD_PUBLIC_KEY', `Invalid SM2 public key: ${(err as Error).message}`);
    }
    return sm2Ecdh(ecPrivateScalar(spec, material), point);
  }
  const privateKey = privateKeyObject(spec, material);
  let peer: KeyObject;
  try {
    peer = createPublicKey({ key: peerDer, format: 'der', type: 'spki' });
  } catch {
    throw new CryptoInputError('BAD_PUBLIC_KEY', 'The public key is not a parsable DER SubjectPublicKeyInfo');
  }
  const curve = peer.asymmetricKeyType === 'ec' ? peer.asymmetricKeyDetails?.namedCurve : undefined;
  if (curve !== info.namedCurve) {
    throw new CryptoInputError('BAD_PUBLIC_KEY', `The public key must be an EC key on ${info.namedCurve}, got ${curve ?? peer.asymmetricKeyType ?? 'an unsupported key'}`);
  }
  try {
    return diffieHellman({ privateKey, publicKey: peer });
  } catch {
    throw new CryptoInputError('BAD_PUBLIC_KEY', 'ECDH with this public key failed');
  }
}
