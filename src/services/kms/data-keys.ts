// Data keys and data key pairs (GenerateDataKey*, GenerateDataKeyPair*): fresh secrets returned
// in the clear and encrypted under a symmetric encryption KMS key, bound to the encryption
// context like any symmetric ciphertext, so Decrypt recovers them.
import { UnsupportedOperationException, ValidationException } from '../../protocol/errors';
import type { EncryptionContext } from './ciphertext';
import { generateDataKeyPair } from './crypto/data-key-pair';
import { keySpecInfo, type DataKeyPairSpec } from './crypto/specs';
import type { KmsEngine } from './engine';
import type { KeyScope } from './keys';
import type { KeyRecord } from './records';
import { randomBytesPooled } from './random';
import { incompatibleAlgorithm } from './key-errors';

const DATA_KEY_BYTES = { AES_256: 32, AES_128: 16 };

/** The key a data key is made under: AWS allows only Enabled symmetric encryption keys. */
export async function dataKeyParent(kms: KmsEngine, scope: KeyScope, keyId: string, operation: string): Promise<KeyRecord> {
  const key = await kms.findKey(scope, keyId, { aliases: true, state: 'use', usage: 'ENCRYPT_DECRYPT', operation });
  // Data keys are encrypted with SYMMETRIC_DEFAULT, which an RSA or SM2 key does not offer.
  if (key.keySpec !== 'SYMMETRIC_DEFAULT') throw incompatibleAlgorithm('SYMMETRIC_DEFAULT', key.keySpec);
  return key;
}

/** Exactly one of KeySpec (AES_256 | AES_128) and NumberOfBytes (1–1024, by the model). */
export function dataKeyLength(input: { KeySpec?: keyof typeof DATA_KEY_BYTES; NumberOfBytes?: number }): number {
  const { KeySpec, NumberOfBytes } = input;
  if (KeySpec !== undefined && NumberOfBytes === undefined) return DATA_KEY_BYTES[KeySpec];
  if (KeySpec === undefined && NumberOfBytes !== undefined) return NumberOfBytes;
  throw new ValidationException('Please specify either number of bytes or key spec.');
}

export interface DataKey {
  plaintext: Buffer;
  ciphertext: Buffer;
}

export function newDataKey(kms: KmsEngine, key: KeyRecord, length: number, context: EncryptionContext | undefined): DataKey {
  const plaintext = randomBytesPooled(length);
  return { plaintext, ciphertext: kms.encryptSymmetric(key, plaintext, context) };
}

export interface DataKeyPair {
  privateKey: Buffer;
  publicKey: Buffer;
  privateKeyCiphertext: Buffer;
}

/** SM2 key pairs are offered in the China Regions only, as SM2 KMS keys are. */
export function checkKeyPairSpec(scope: KeyScope, spec: DataKeyPairSpec): void {
  if (keySpecInfo(spec).chinaRegionsOnly && !scope.region.startsWith('cn-')) {
    throw new UnsupportedOperationException(`KeyPairSpec ${spec} is not supported in this region.`);
  }
}

/** A fresh key pair: PKCS#8 DER private key (also encrypted under `key`), DER SPKI public key. */
export async function newDataKeyPair(kms: KmsEngine, key: KeyRecord, spec: DataKeyPairSpec, context: EncryptionContext | undefined): Promise<DataKeyPair> {
  const pair = await generateDataKeyPair(spec);
  return {
    privateKey: pair.privateKeyPkcs8Der,
    publicKey: pair.publicKeySpkiDer,
    privateKeyCiphertext: kms.encryptSymmetric(key, pair.privateKeyPkcs8Der, context),
  };
}
