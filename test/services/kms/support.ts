// Shared by the KMS cryptographic operation tests.
import {
  CreateKeyCommand,
  DisableKeyCommand,
  ScheduleKeyDeletionCommand,
  type KeyMetadata,
  type KeySpec,
  type KeyUsageType,
  type KMSClient,
  type OriginType,
} from '@aws-sdk/client-kms';

/** The JS SDK's `message` for an AWS error whose body has no message (InvalidCiphertextException …). */
export const NO_MESSAGE = 'UnknownError';

export async function createKey(client: KMSClient, KeySpec: KeySpec = 'SYMMETRIC_DEFAULT', KeyUsage?: KeyUsageType, Origin?: OriginType): Promise<KeyMetadata> {
  const { KeyMetadata } = await client.send(new CreateKeyCommand({ KeySpec, KeyUsage, Origin }));
  return KeyMetadata!;
}

export interface UnusableKey {
  state: string;
  key: KeyMetadata;
  error: { name: string; message: string; status: number };
}

/** Keys of one kind that are Disabled, PendingDeletion and PendingImport, with the error AWS gives for each (FIDELITY B4). */
export async function unusableKeys(client: KMSClient, KeySpec: KeySpec = 'SYMMETRIC_DEFAULT', KeyUsage?: KeyUsageType): Promise<UnusableKey[]> {
  const disabled = await createKey(client, KeySpec, KeyUsage);
  await client.send(new DisableKeyCommand({ KeyId: disabled.KeyId }));
  const deleting = await createKey(client, KeySpec, KeyUsage);
  await client.send(new ScheduleKeyDeletionCommand({ KeyId: deleting.KeyId, PendingWindowInDays: 7 }));
  const importing = await createKey(client, KeySpec, KeyUsage, 'EXTERNAL');
  return [
    { state: 'Disabled', key: disabled, error: { name: 'DisabledException', message: `${disabled.Arn} is disabled.`, status: 400 } },
    { state: 'PendingDeletion', key: deleting, error: { name: 'KMSInvalidStateException', message: `${deleting.Arn} is pending deletion.`, status: 400 } },
    { state: 'PendingImport', key: importing, error: { name: 'KMSInvalidStateException', message: `${importing.Arn} is pending import.`, status: 400 } },
  ];
}
