import { DisableKeyCommand } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { awsManagedKey, createKey, describeKey, pendingDeletionKey, pendingImportKey } from './key-management';

const server = useServer();

const disable = (KeyId: string) => server.kms().send(new DisableKeyCommand({ KeyId }));

describe('DisableKey', () => {
  it('disables a key: KeyState Disabled, Enabled false', async () => {
    const key = await createKey(server.kms());
    await disable(key.KeyId!);
    expect(await describeKey(server.kms(), key.KeyId!)).toMatchObject({ KeyState: 'Disabled', Enabled: false });
  });

  it('succeeds on a key that is already disabled', async () => {
    const key = await createKey(server.kms());
    await disable(key.Arn!);
    await disable(key.Arn!);
    expect((await describeKey(server.kms(), key.KeyId!)).KeyState).toBe('Disabled');
  });

  it('rejects keys pending deletion or import', async () => {
    const deleting = await pendingDeletionKey(server.kms());
    expect(await awsError(() => disable(deleting.KeyId!))).toEqual({ name: 'KMSInvalidStateException', message: `${deleting.Arn} is pending deletion.`, status: 400 });
    const importing = await pendingImportKey(server.kms());
    expect(await awsError(() => disable(importing.KeyId!))).toEqual({ name: 'KMSInvalidStateException', message: `${importing.Arn} is pending import.`, status: 400 });
  });

  it('rejects malformed ids', async () => {
    expect(await awsError(() => disable('key_id'))).toEqual({ name: 'NotFoundException', message: "Invalid keyId 'key_id'", status: 400 });
  });

  it('denies AWS managed keys', async () => {
    const key = await awsManagedKey(server.kms(), 'ebs');
    expect(await awsError(() => disable(key.Arn!))).toMatchObject({ name: 'AccessDeniedException', status: 400 });
    expect((await describeKey(server.kms(), key.KeyId!)).KeyState).toBe('Enabled');
  });
});
