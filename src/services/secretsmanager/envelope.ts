// Envelope encryption of secret values, as Secrets Manager does it: a fresh AES-256 data key
// from KMS per version (GenerateDataKey under the secret's key, encryption context
// {SecretARN, SecretVersionId}), the value encrypted locally with AES-256-GCM, and only the
// data key's KMS ciphertext kept. Reading asks KMS to decrypt the data key.
//
// KMS failures surface as AWS reports them through Secrets Manager: a disabled or deleted key
// on read is `DecryptionFailure: Secrets Manager can't decrypt the secret value: <KMS message>
// (Service: AWSKMS; Status Code: 400; Error Code: <KMS error>; Request ID: …; Proxy: null)`
// (recorded in AWS's GovCloud guide); writes fail the same way as EncryptionFailure, and a key
// that does not exist as InvalidParameterException. A caller KMS denies (the key policy or its
// IAM policies do not allow it, through Secrets Manager) gets Secrets Manager's own
// `AccessDeniedException: Access to KMS is not allowed`, on reads and writes alike.
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { AccessDeniedException, AwsError, DecryptionFailure, EncryptionFailure, InvalidKeyUsageException, InvalidParameterException, InvalidRequestException, NotFoundException } from '../../protocol/errors';
import type { KmsCallerScope, KmsForServices } from '../kms/interface';
import type { SecretValue, ValueRecord } from './records';

export const DEFAULT_KEY = 'alias/aws/secretsmanager';
/** What ListSecretVersionIds shows for versions under the default key. */
const DEFAULT_KEY_LABEL = 'DefaultEncryptionKey';

function fromKms(err: unknown, wrap: (message: string) => AwsError): unknown {
  if (!(err instanceof AwsError)) return err;
  if (err instanceof AccessDeniedException) return new AccessDeniedException('Access to KMS is not allowed');
  const detail = `${err.message || 'null'} (Service: AWSKMS; Status Code: 400; Error Code: ${err.name}; Request ID: ${randomUUID()}; Proxy: null)`;
  return wrap(detail);
}

const encryptionFailure = (err: unknown) =>
  err instanceof NotFoundException
    ? new InvalidParameterException(`The operation failed because of an invalid KMS key: ${err.message}`)
    : fromKms(err, (detail) => new EncryptionFailure(`Secrets Manager can't encrypt the secret value: ${detail}`));

/**
 * Checks a customer key before use. AWS services cannot use asymmetric keys; KMS's engine
 * reports them by key usage, so the asymmetric case gets KMS's own wording here.
 */
export async function checkKey(kms: KmsForServices, scope: KmsCallerScope, keyId: string): Promise<void> {
  let key;
  try {
    key = await kms.describeKey(scope, keyId);
  } catch (err) {
    throw encryptionFailure(err);
  }
  if (key.keySpec !== 'SYMMETRIC_DEFAULT' && key.keyUsage === 'ENCRYPT_DECRYPT') {
    throw encryptionFailure(new InvalidKeyUsageException('You cannot generate a data key with an asymmetric CMK'));
  }
}

/**
 * The AWS managed key `aws/secretsmanager` serves its own account only: a caller from another
 * account (allowed by the secret's resource policy) cannot read or write a secret under it.
 */
function checkDefaultKeyAccount(scope: KmsCallerScope, defaultKey: boolean): void {
  if (defaultKey && scope.principal.accountId !== scope.accountId) {
    throw new InvalidRequestException("You can't access a secret from a different AWS account if you encrypt the secret with the default KMS service key.");
  }
}

/** Binds the local ciphertext to its secret, version and kind, so blobs cannot be swapped. */
const aad = (secretArn: string, versionId: string, binary: boolean) => Buffer.from(`${secretArn}\n${versionId}\n${binary ? 'b' : 's'}`, 'utf8');

export async function sealValue(
  kms: KmsForServices,
  scope: KmsCallerScope,
  kmsKeyId: string | undefined,
  secretArn: string,
  versionId: string,
  value: SecretValue,
): Promise<ValueRecord> {
  checkDefaultKeyAccount(scope, kmsKeyId === undefined);
  if (kmsKeyId !== undefined) await checkKey(kms, scope, kmsKeyId);
  let dataKey;
  try {
    dataKey = await kms.generateDataKey(scope, kmsKeyId ?? DEFAULT_KEY, { SecretARN: secretArn, SecretVersionId: versionId });
  } catch (err) {
    throw encryptionFailure(err);
  }
  const binary = value.binary !== undefined;
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dataKey.plaintext, nonce);
  cipher.setAAD(aad(secretArn, versionId, binary));
  const body = Buffer.concat([cipher.update(binary ? value.binary! : Buffer.from(value.string!, 'utf8')), cipher.final()]);
  dataKey.plaintext.fill(0);
  return {
    kmsKeyId: kmsKeyId === undefined ? DEFAULT_KEY_LABEL : dataKey.keyArn,
    secretArn,
    binary,
    dataKey: dataKey.ciphertextBlob.toString('base64'),
    nonce: nonce.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    body: body.toString('base64'),
  };
}

/**
 * Values opened from records of the store's cache (frozen: a write replaces them), kept in memory
 * only, as long as the record is: KMS is still asked to decrypt the data key on every read (the
 * key's state, the policies and the Decrypt event apply to every read, as on AWS), but the local
 * AES-GCM open is not repeated.
 */
const opened = new WeakMap<ValueRecord, { versionId: string; value: SecretValue }>();

/** A copy a caller may change (or zero) without touching the kept value. */
const copyOf = (value: SecretValue): SecretValue => (value.binary !== undefined ? { binary: Buffer.from(value.binary) } : { string: value.string });

export async function openValue(kms: KmsForServices, scope: KmsCallerScope, versionId: string, record: ValueRecord): Promise<SecretValue> {
  checkDefaultKeyAccount(scope, record.kmsKeyId === DEFAULT_KEY_LABEL);
  let dataKey;
  try {
    dataKey = await kms.decrypt(scope, Buffer.from(record.dataKey, 'base64'), { SecretARN: record.secretArn, SecretVersionId: versionId });
  } catch (err) {
    throw fromKms(err, (detail) => new DecryptionFailure(`Secrets Manager can't decrypt the secret value: ${detail}`));
  }
  const kept = opened.get(record);
  if (kept?.versionId === versionId) {
    dataKey.plaintext.fill(0);
    return copyOf(kept.value);
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey.plaintext, Buffer.from(record.nonce, 'base64'));
    decipher.setAAD(aad(record.secretArn, versionId, record.binary));
    decipher.setAuthTag(Buffer.from(record.tag, 'base64'));
    const bytes = Buffer.concat([decipher.update(Buffer.from(record.body, 'base64')), decipher.final()]);
    const value: SecretValue = record.binary ? { binary: bytes } : { string: bytes.toString('utf8') };
    if (Object.isFrozen(record)) opened.set(record, { versionId, value: copyOf(value) });
    return value;
  } catch {
    throw new DecryptionFailure("Secrets Manager can't decrypt the protected secret text using the provided KMS key.");
  } finally {
    dataKey.plaintext.fill(0);
  }
}

export function sameValue(a: SecretValue, b: SecretValue): boolean {
  if (a.binary !== undefined || b.binary !== undefined) return a.binary !== undefined && b.binary !== undefined && a.binary.equals(b.binary);
  return a.string === b.string;
}
