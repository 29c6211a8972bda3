// Shared by the key rotation tests.
import { DecryptCommand, EncryptCommand, GetKeyRotationStatusCommand, RotateKeyOnDemandCommand, type KMSClient } from '@aws-sdk/client-kms';
import { describeKey } from './key-management';

export const rotationStatus = (kms: KMSClient, KeyId: string) => kms.send(new GetKeyRotationStatusCommand({ KeyId }));

export const rotateOnDemand = (kms: KMSClient, KeyId: string) => kms.send(new RotateKeyOnDemandCommand({ KeyId }));

export async function currentMaterialId(kms: KMSClient, KeyId: string): Promise<string> {
  return (await describeKey(kms, KeyId)).CurrentKeyMaterialId!;
}

/** Encrypts `text` under the key; the ciphertext header names the material it was made with. */
export async function encrypt(kms: KMSClient, KeyId: string, text: string): Promise<Uint8Array> {
  return (await kms.send(new EncryptCommand({ KeyId, Plaintext: Buffer.from(text) }))).CiphertextBlob!;
}

export async function decrypt(kms: KMSClient, CiphertextBlob: Uint8Array): Promise<string> {
  return Buffer.from((await kms.send(new DecryptCommand({ CiphertextBlob }))).Plaintext!).toString();
}

/** Whether a ciphertext was made with the material whose KeyMaterialId is `materialId`. */
export const madeWith = (blob: Uint8Array, materialId: string) => Buffer.from(blob).includes(Buffer.from(materialId, 'hex'));

/** One key type of each family that does not rotate: UnsupportedOperationException, no message. */
export const UNROTATABLE = [
  ['RSA_2048', 'ENCRYPT_DECRYPT'],
  ['ECC_NIST_P256', 'SIGN_VERIFY'],
  ['HMAC_256', 'GENERATE_VERIFY_MAC'],
] as const;
