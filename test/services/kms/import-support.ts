// Shared by the imported key material tests: keys with Origin EXTERNAL, and material wrapped
// offline with node:crypto exactly as a user does with OpenSSL (`openssl pkeyutl -encrypt` for
// RSAES_*, plus `openssl enc -id-aes256-wrap-pad` for RSA_AES_KEY_WRAP_*).
import { constants, createCipheriv, publicEncrypt, randomBytes } from 'node:crypto';
import {
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  type AlgorithmSpec,
  type ImportKeyMaterialCommandInput,
  type KMSClient,
  type WrappingKeySpec,
} from '@aws-sdk/client-kms';

export const getParameters = (kms: KMSClient, KeyId: string, WrappingAlgorithm: AlgorithmSpec = 'RSAES_OAEP_SHA_256', WrappingKeySpec: WrappingKeySpec = 'RSA_2048') =>
  kms.send(new GetParametersForImportCommand({ KeyId, WrappingAlgorithm, WrappingKeySpec }));

/** `material` encrypted under the wrapping public key (DER SPKI) by `algorithm`. */
export function wrap(publicKeyDer: Uint8Array, algorithm: AlgorithmSpec, material: Buffer): Buffer {
  const key = { key: Buffer.from(publicKeyDer), format: 'der' as const, type: 'spki' as const };
  const oaepHash = algorithm.endsWith('SHA_1') ? 'sha1' : 'sha256';
  if (algorithm === 'RSAES_PKCS1_V1_5') return publicEncrypt({ ...key, padding: constants.RSA_PKCS1_PADDING }, material);
  const oaep = { ...key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash };
  if (algorithm === 'RSAES_OAEP_SHA_1' || algorithm === 'RSAES_OAEP_SHA_256') return publicEncrypt(oaep, material);
  // RSA_AES_KEY_WRAP_*: RSA-OAEP(AES key) || AES-KWP(AES key, material).
  const aesKey = randomBytes(32);
  const cipher = createCipheriv('id-aes256-wrap-pad', aesKey, Buffer.from('a65959a6', 'hex'));
  return Buffer.concat([publicEncrypt(oaep, aesKey), cipher.update(material), cipher.final()]);
}

export interface ImportOptions {
  algorithm?: AlgorithmSpec;
  wrappingKeySpec?: WrappingKeySpec;
  /** Request members beyond the token and material (default: material that does not expire). */
  request?: Partial<ImportKeyMaterialCommandInput>;
}

/** GetParametersForImport, wrap offline, ImportKeyMaterial. */
export async function importMaterial(kms: KMSClient, KeyId: string, material: Buffer, options: ImportOptions = {}) {
  const algorithm = options.algorithm ?? 'RSAES_OAEP_SHA_256';
  const params = await getParameters(kms, KeyId, algorithm, options.wrappingKeySpec);
  return kms.send(
    new ImportKeyMaterialCommand({
      KeyId,
      ImportToken: params.ImportToken,
      EncryptedKeyMaterial: wrap(params.PublicKey!, algorithm, material),
      ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      ...options.request,
    }),
  );
}
