import { CancelKeyDeletionCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { advanceClock, awsError, useServer } from '../../helpers/server';
import { createKey, DAY, describeKey, pendingDeletionKey, pendingImportKey } from './key-management';

const server = useServer();

const cancel = (KeyId: string) => server.kms().send(new CancelKeyDeletionCommand({ KeyId }));

describe('CancelKeyDeletion', () => {
  it('returns the key Disabled (not Enabled), without DeletionDate, and answers its ARN', async () => {
    const key = await pendingDeletionKey(server.kms());
    expect(await cancel(key.KeyId!)).toMatchObject({ KeyId: key.Arn });
    const after = await describeKey(server.kms(), key.KeyId!);
    expect(after).toMatchObject({ KeyState: 'Disabled', Enabled: false });
    expect(after.DeletionDate).toBeUndefined();
  });

  it('keeps the key when the old deletion date passes', async () => {
    const key = await createKey(server.kms());
    await server.kms().send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    await cancel(key.Arn!);
    await advanceClock(server, 8 * DAY);
    expect((await describeKey(server.kms(), key.KeyId!)).KeyState).toBe('Disabled');
  });

  it('returns a key without imported material to PendingImport', async () => {
    const key = await pendingImportKey(server.kms());
    await server.kms().send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
    await cancel(key.KeyId!);
    expect((await describeKey(server.kms(), key.KeyId!)).KeyState).toBe('PendingImport');
  });

  it('rejects a key that is not pending deletion', async () => {
    const key = await createKey(server.kms());
    expect(await awsError(() => cancel(key.KeyId!))).toEqual({ name: 'KMSInvalidStateException', message: `${key.Arn} is not pending deletion.`, status: 400 });
    const importing = await pendingImportKey(server.kms());
    expect((await awsError(() => cancel(importing.KeyId!))).message).toBe(`${importing.Arn} is not pending deletion.`);
  });

  it('rejects unknown and malformed ids', async () => {
    expect((await awsError(() => cancel('mrk-fake-key-id'))).message).toBe("Invalid keyId 'mrk-fake-key-id'");
  });
});
