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
import { awsError } from '../../helpers/server';

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

/**
 * The state and DryRun checks every data-key operation shares: keys that are not Enabled get
 * AWS's state errors, and DryRun answers only after every other check passed. `call` sends the
 * operation for a key, with its own spec members.
 */
export function itChecksKeyStateAndDryRun(client: () => KMSClient, key: () => KeyMetadata, call: (KeyId: string, DryRun?: boolean) => Promise<unknown>): void {
  it('refuses keys that are not Enabled', async () => {
    for (const { key: unusable, error } of await unusableKeys(client())) {
      expect(await awsError(() => call(unusable.KeyId!))).toEqual(error);
    }
  });

  it('answers DryRun after the checks', async () => {
    expect(await awsError(() => call(key().KeyId!, true))).toEqual({
      name: 'DryRunOperationException',
      message: 'The request would have succeeded, but the DryRun option is set.',
      status: 400,
    });
  });
}
