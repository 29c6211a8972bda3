/** The KMS crypto layer: pure functions over key specs and key material. */
export { CryptoInputError, type CryptoErrorReason } from './errors';
export * from './specs';
export {
  generateMaterial,
  materialFromRaw,
  materialFromDer,
  materialFromPem,
  publicKeyDer,
  privateKeyPkcs8Der,
  type KeyMaterial,
} from './keys';
export { sign, verify, messageDigest, mlDsaExternalMu } from './sign';
export { asymmetricEncrypt, asymmetricDecrypt } from './asymmetric-encrypt';
export { generateMac, verifyMac } from './mac';
export { deriveSharedSecret } from './agreement';
export { encapsulate, encapsulateToPublicKey, decapsulate, type Encapsulation } from './kem';
export { generateDataKeyPair, type DataKeyPair } from './data-key-pair';
