// KMS as another service calls it: through KMS's own operations, run in process by the pipeline
// (ServiceDeps.call), so every such call is validated, authorized and recorded like a client's,
// marked as made by that service (kms:ViaService, CloudTrail's invokedBy), as on AWS.
import type { InProcessCall } from '../../pipeline/context';
import type { EncryptionContext } from './ciphertext';
import type { KeyDescription, KmsCallerScope, KmsForServices } from './interface';

interface KeyMetadataOut {
  KeyId: string;
  Arn: string;
  KeySpec: string;
  KeyUsage: string;
  KeyState: string;
  KeyManager: 'AWS' | 'CUSTOMER';
}

/** The KMS of `service` (its principal, e.g. `secretsmanager.amazonaws.com`). */
export function kmsClient(call: InProcessCall, service: string): KmsForServices {
  const kms = <T>(operation: string, scope: KmsCallerScope, input: Record<string, unknown>, eventAfterAnswer?: boolean) =>
    call<T>('kms', operation, input, { principal: scope.principal, accountId: scope.accountId, region: scope.region, invokedBy: service, eventAfterAnswer });
  return {
    async describeKey(scope, keyId): Promise<KeyDescription> {
      const { KeyMetadata: key } = await kms<{ KeyMetadata: KeyMetadataOut }>('DescribeKey', scope, { KeyId: keyId });
      return { keyId: key.KeyId, arn: key.Arn, keySpec: key.KeySpec, keyUsage: key.KeyUsage, keyState: key.KeyState, keyManager: key.KeyManager };
    },
    async generateDataKey(scope, keyId, context: EncryptionContext) {
      // A new version's data key is made under the secret's lock, and the write's own event follows.
      const out = await kms<{ KeyId: string; Plaintext: Buffer; CiphertextBlob: Buffer }>('GenerateDataKey', scope, { KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context }, true);
      return { keyArn: out.KeyId, plaintext: out.Plaintext, ciphertextBlob: out.CiphertextBlob };
    },
    async decrypt(scope, ciphertextBlob, context: EncryptionContext) {
      const out = await kms<{ KeyId: string; Plaintext: Buffer }>('Decrypt', scope, { CiphertextBlob: ciphertextBlob, EncryptionContext: context });
      return { keyArn: out.KeyId, plaintext: out.Plaintext };
    },
  };
}
