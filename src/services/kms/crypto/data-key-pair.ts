/** GenerateDataKeyPair: a fresh key pair, private key as PKCS#8 DER, public key as DER SPKI. */
import { CryptoInputError } from './errors';
import { generateMaterial, privateKeyPkcs8Der, publicKeyDer } from './keys';
import { isDataKeyPairSpec, type DataKeyPairSpec } from './specs';

export interface DataKeyPair {
  privateKeyPkcs8Der: Buffer;
  publicKeySpkiDer: Buffer;
}

/**
 * RSA / NIST EC / secp256k1 / Ed25519 private keys load with
 * `crypto.createPrivateKey({ key, format: 'der', type: 'pkcs8' })`. SM2 keys are standard
 * PKCS#8 (id-ecPublicKey + SM2 curve) as OpenSSL writes them. ML-KEM private keys are PKCS#8
 * in the IETF seed form (privateKey = [0] 64-byte seed); their SPKI holds the raw public key.
 */
export async function generateDataKeyPair(spec: DataKeyPairSpec): Promise<DataKeyPair> {
  if (!isDataKeyPairSpec(spec)) throw new CryptoInputError('UNKNOWN_SPEC', `Unknown data key pair spec ${spec}`);
  const material = await generateMaterial(spec);
  return { privateKeyPkcs8Der: privateKeyPkcs8Der(spec, material), publicKeySpkiDer: publicKeyDer(spec, material) };
}
