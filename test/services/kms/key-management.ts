// Helpers for the key-management tests: keys in each state, and a fresh account.
import { CreateKeyCommand, DescribeKeyCommand, ScheduleKeyDeletionCommand, type CreateKeyRequest, type KeyMetadata, type KMSClient } from '@aws-sdk/client-kms';

export async function createKey(kms: KMSClient, input: CreateKeyRequest = {}): Promise<KeyMetadata> {
  return (await kms.send(new CreateKeyCommand(input))).KeyMetadata!;
}

export async function describeKey(kms: KMSClient, KeyId: string): Promise<KeyMetadata> {
  return (await kms.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata!;
}

export async function pendingDeletionKey(kms: KMSClient, input: CreateKeyRequest = {}): Promise<KeyMetadata> {
  const key = await createKey(kms, input);
  await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
  return key;
}

/** An EXTERNAL key, PendingImport until material is imported. */
export function pendingImportKey(kms: KMSClient): Promise<KeyMetadata> {
  return createKey(kms, { Origin: 'EXTERNAL' });
}

/** The AWS managed key behind alias/aws/<service>, created by its first use. */
export function awsManagedKey(kms: KMSClient, service = 's3'): Promise<KeyMetadata> {
  return describeKey(kms, `alias/aws/${service}`);
}

export const DAY = 86_400;

/** A 12-digit access key id is its own account: tests that count resources use a fresh one. */
let accounts = 0;
export function freshAccount(): string {
  accounts += 1;
  return String(222_000_000_000 + accounts);
}
