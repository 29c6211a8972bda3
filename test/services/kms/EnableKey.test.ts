import { DisableKeyCommand, EnableKeyCommand } from '@aws-sdk/client-kms';
import { ACCOUNT, awsError, REGION, useServer } from '../../helpers/server';
import { awsManagedKey, createKey, describeKey, pendingDeletionKey, pendingImportKey } from './key-management';

const server = useServer();

const enable = (KeyId: string) => server.kms().send(new EnableKeyCommand({ KeyId }));

describe('EnableKey', () => {
  it('enables a disabled key, by id or ARN, and returns an empty body', async () => {
    const key = await createKey(server.kms());
    await server.kms().send(new DisableKeyCommand({ KeyId: key.KeyId }));
    await enable(key.Arn!);
    expect(await describeKey(server.kms(), key.KeyId!)).toMatchObject({ KeyState: 'Enabled', Enabled: true });
    const raw = await server.raw('TrentService.EnableKey', JSON.stringify({ KeyId: key.KeyId }));
    expect(raw.status).toBe(200);
    expect(raw.text).toBe('{}');
  });

  it('is idempotent on an enabled key', async () => {
    const key = await createKey(server.kms());
    await enable(key.KeyId!);
    expect((await describeKey(server.kms(), key.KeyId!)).KeyState).toBe('Enabled');
  });

  it('rejects a key pending deletion', async () => {
    const key = await pendingDeletionKey(server.kms());
    expect(await awsError(() => enable(key.KeyId!))).toEqual({ name: 'KMSInvalidStateException', message: `${key.Arn} is pending deletion.`, status: 400 });
  });

  it('rejects a key pending import', async () => {
    const key = await pendingImportKey(server.kms());
    expect(await awsError(() => enable(key.KeyId!))).toEqual({ name: 'KMSInvalidStateException', message: `${key.Arn} is pending import.`, status: 400 });
  });

  it('does not accept aliases', async () => {
    expect(await awsError(() => enable('alias/any'))).toEqual({ name: 'NotFoundException', message: "Invalid keyId 'alias/any'", status: 400 });
  });

  it('names a missing key by ARN', async () => {
    const id = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
    expect(await awsError(() => enable(id))).toEqual({ name: 'NotFoundException', message: `Key 'arn:aws:kms:${REGION}:${ACCOUNT}:key/${id}' does not exist`, status: 400 });
  });

  it('does not manage keys of another account', async () => {
    const other = await createKey(server.kms({ accessKeyId: '111122223333' }));
    expect(await awsError(() => enable(other.Arn!))).toEqual({ name: 'NotFoundException', message: `Key '${other.Arn}' does not exist`, status: 400 });
  });

  it('denies AWS managed keys, whose key policy does not allow it', async () => {
    const key = await awsManagedKey(server.kms());
    expect(await awsError(() => enable(key.KeyId!))).toEqual({
      name: 'AccessDeniedException',
      message: `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: kms:EnableKey on resource: ${key.Arn} because no resource-based policy allows the kms:EnableKey action`,
      status: 400,
    });
  });
});
