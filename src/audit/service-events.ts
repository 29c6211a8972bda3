// The events KMS and Secrets Manager record for work they do themselves, shaped as AWS's
// documented entries (docs/audit.md): KMS's name the key as their resource (DeleteKey,
// RotateKey, DeleteExpiredKeyMaterial in the KMS Developer Guide's log entry examples);
// Secrets Manager's name the secret in additionalEventData.SecretId and no resource (its
// rotation events as CloudTrail delivers them to EventBridge).
import { serviceEvent } from './events';
import type { TrailEvent } from './types';

/** A KMS key as its events name it. */
interface KeyRef {
  accountId: string;
  region: string;
  keyId: string;
  arn: string;
}

/** A secret as its events name it. */
interface SecretRef {
  accountId: string;
  region: string;
  arn: string;
}

export type KmsServiceEventName = 'DeleteKey' | 'RotateKey' | 'DeleteExpiredKeyMaterial';

export function kmsServiceEvent(eventName: KmsServiceEventName, key: KeyRef, now: Date, details?: Record<string, unknown>): TrailEvent {
  return serviceEvent({
    accountId: key.accountId,
    region: key.region,
    eventSource: 'kms.amazonaws.com',
    eventName,
    now,
    resources: [{ accountId: key.accountId, type: 'AWS::KMS::Key', ARN: key.arn }],
    serviceEventDetails: details,
  });
}

export type SecretServiceEventName =
  | 'RotationStarted'
  | 'RotationSucceeded'
  | 'RotationFailed'
  | 'TestRotationStarted'
  | 'TestRotationSucceeded'
  | 'TestRotationFailed'
  | 'EndSecretVersionDelete';

export interface SecretEventOptions {
  /** AWS names a rotation's events by the secret and the rotation's token: `Rotation-<secret ARN>-<token>`. */
  requestId?: string;
  errorMessage?: string;
}

export function secretServiceEvent(eventName: SecretServiceEventName, secret: SecretRef, now: Date, options: SecretEventOptions = {}): TrailEvent {
  return serviceEvent({
    accountId: secret.accountId,
    region: secret.region,
    eventSource: 'secretsmanager.amazonaws.com',
    eventName,
    now,
    additionalEventData: { SecretId: secret.arn },
    requestId: options.requestId,
    errorMessage: options.errorMessage,
  });
}
