// GetKeyLastUsage: the last successful cryptographic use of a key of the caller's account, with
// the CloudTrail event and KMS request of that use; uses Secrets Manager makes for a caller count.
import { DecryptCommand, GetKeyLastUsageCommand } from '@aws-sdk/client-kms';
import { CreateSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import type { TrailEvent } from '../../../src/audit/types';
import { ACCOUNT, REGION, awsError, useServer } from '../../helpers/server';
import { createKey } from './key-management';
import { encrypt } from './rotation-support';

const server = useServer();

const lastUsage = (KeyId: string) => server.kms().send(new GetKeyLastUsageCommand({ KeyId }));

/** The trail's events of `eventName` for the key, newest last. */
async function eventsOn(eventName: string, keyArn: string): Promise<TrailEvent[]> {
  const events: TrailEvent[] = [];
  for await (const event of server.strongroom.trail.export({ accountId: ACCOUNT, region: REGION, eventName })) {
    if (event.resources?.some((r) => r.ARN === keyArn)) events.push(event);
  }
  return events;
}

describe('GetKeyLastUsage', () => {
  // The first four tests need the record step's wiring: usage, and the start of tracking, are
  // written with each call's event.
  it('answers no KeyLastUsage for a key never used, tracking from its creation', async () => {
    const key = await createKey(server.kms());
    const res = await lastUsage(key.KeyId!);
    expect(res.KeyId).toBe(key.KeyId);
    expect(res.KeyLastUsage).toBeUndefined();
    expect(res.KeyCreationDate).toEqual(key.CreationDate);
    // Tracking began with the trail's first event, before the key existed: TrackingStartDate is its creation.
    expect(res.TrackingStartDate).toEqual(key.CreationDate);
    expect((await lastUsage(key.Arn!)).KeyLastUsage).toBeUndefined();
  });

  it('answers the last successful use: its operation, time, CloudTrail event and KMS request', async () => {
    const kms = server.kms();
    const key = await createKey(kms);
    const blob = await encrypt(kms, key.KeyId!, 'hello');
    expect((await lastUsage(key.KeyId!)).KeyLastUsage?.Operation).toBe('Encrypt');
    const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: blob }));
    const requestId = decrypted.$metadata.requestId!;
    const [event] = (await eventsOn('Decrypt', key.Arn!)).filter((e) => e.requestID === requestId);
    const { KeyLastUsage } = await lastUsage(key.Arn!);
    expect(KeyLastUsage).toEqual({ Operation: 'Decrypt', Timestamp: new Date(event.eventTime), CloudTrailEventId: event.eventID, KmsRequestId: requestId });
  });

  it('answers the last of many uses recorded together (one batch of the trail)', async () => {
    const kms = server.kms();
    const key = await createKey(kms);
    await Promise.all(Array.from({ length: 20 }, (_, i) => encrypt(kms, key.KeyId!, `use ${i}`)));
    const events = await eventsOn('Encrypt', key.Arn!);
    expect(events).toHaveLength(20);
    // The export reads oldest first: the last event recorded is the key's last use.
    expect((await lastUsage(key.KeyId!)).KeyLastUsage?.CloudTrailEventId).toBe(events[events.length - 1].eventID);
  });

  it('does not count a failed use, nor operations it does not track', async () => {
    const kms = server.kms();
    const key = await createKey(kms);
    const blob = await encrypt(kms, key.KeyId!, 'hello');
    const before = await lastUsage(key.KeyId!);
    expect(before.KeyLastUsage?.Operation).toBe('Encrypt');
    expect((await awsError(() => kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { wrong: 'context' } })))).name).toBe('InvalidCiphertextException');
    await lastUsage(key.KeyId!);
    expect((await lastUsage(key.KeyId!)).KeyLastUsage).toEqual(before.KeyLastUsage);
  });

  it('counts the uses Secrets Manager makes of the key for a caller', async () => {
    const key = await createKey(server.kms());
    const sm = server.sm();
    await sm.send(new CreateSecretCommand({ Name: 'under-key', SecretString: 's3cr3t', KmsKeyId: key.Arn }));
    expect((await lastUsage(key.KeyId!)).KeyLastUsage?.Operation).toBe('GenerateDataKey');
    await sm.send(new GetSecretValueCommand({ SecretId: 'under-key' }));
    const { KeyLastUsage } = await lastUsage(key.KeyId!);
    const decrypts = await eventsOn('Decrypt', key.Arn!);
    expect(decrypts.at(-1)?.userIdentity.invokedBy).toBe('secretsmanager.amazonaws.com');
    expect(KeyLastUsage).toMatchObject({ Operation: 'Decrypt', CloudTrailEventId: decrypts.at(-1)?.eventID, KmsRequestId: decrypts.at(-1)?.requestID });
  });

  it('finds keys of the caller account only, by key id or ARN', async () => {
    const id = '5f0b6c1e-0d7a-4c0e-9a61-3d2b1c0f9e8d';
    expect(await awsError(() => lastUsage(id))).toEqual({ name: 'NotFoundException', message: `Key 'arn:aws:kms:${REGION}:${ACCOUNT}:key/${id}' does not exist`, status: 400 });
    const other = await createKey(server.kms({ accessKeyId: '111122223333' }));
    expect(await awsError(() => lastUsage(other.Arn!))).toEqual({ name: 'NotFoundException', message: `Key '${other.Arn}' does not exist`, status: 400 });
    expect(await awsError(() => lastUsage('alias/aws/s3'))).toEqual({ name: 'NotFoundException', message: "Invalid keyId 'alias/aws/s3'", status: 400 });
  });

  it('validates its input', async () => {
    expect(await awsError(() => lastUsage(''))).toEqual({
      name: 'ValidationException',
      message: "1 validation error detected: Value '' at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1",
      status: 400,
    });
  });
});
