// KMS as other services see it, in process: what Secrets Manager needs to protect secret
// values under a KMS key, the way AWS services call KMS. Errors are KMS's own typed errors
// (NotFoundException, DisabledException, KMSInvalidStateException, InvalidKeyUsageException,
// InvalidCiphertextException); the calling service maps them to its own where AWS does.
import type { Principal } from '../../pipeline/context';
import type { EncryptionContext } from './ciphertext';

/** Who the calling service acts for, and where: the account and region of the resource it protects. */
export interface KmsCallerScope {
  principal: Principal;
  accountId: string;
  region: string;
}

export interface KeyDescription {
  keyId: string;
  arn: string;
  keySpec: string;
  keyUsage: string;
  keyState: string;
  keyManager: 'AWS' | 'CUSTOMER';
}

export interface KmsForServices {
  /**
   * Describes the key a service was given (id, ARN, alias name or alias ARN). An AWS managed
   * alias (`alias/aws/<service>`) that does not exist yet is created with its key, as AWS does
   * on a service's first use.
   */
  describeKey(scope: KmsCallerScope, keyId: string): Promise<KeyDescription>;
  /** GenerateDataKey (AES_256) under a symmetric encryption key, bound to `context`. */
  generateDataKey(scope: KmsCallerScope, keyId: string, context: EncryptionContext): Promise<{ keyArn: string; plaintext: Buffer; ciphertextBlob: Buffer }>;
  /** Decrypt of a ciphertext made by generateDataKey (or Encrypt), with the same context. */
  decrypt(scope: KmsCallerScope, ciphertextBlob: Buffer, context: EncryptionContext): Promise<{ keyArn: string; plaintext: Buffer }>;
}
