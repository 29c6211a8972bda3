import { UpdateKeyDescriptionCommand } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { awsManagedKey, createKey, describeKey, pendingDeletionKey, pendingImportKey } from './key-management';

const server = useServer();

const update = (KeyId: string, Description: string) => server.kms().send(new UpdateKeyDescriptionCommand({ KeyId, Description }));

describe('UpdateKeyDescription', () => {
  it('replaces the description and answers an empty body', async () => {
    const key = await createKey(server.kms(), { Description: 'before' });
    await update(key.KeyId!, 'after');
    expect((await describeKey(server.kms(), key.KeyId!)).Description).toBe('after');
    const raw = await server.raw('TrentService.UpdateKeyDescription', JSON.stringify({ KeyId: key.Arn, Description: '' }));
    expect({ status: raw.status, text: raw.text }).toEqual({ status: 200, text: '{}' });
    expect((await describeKey(server.kms(), key.KeyId!)).Description).toBe('');
  });

  it('works on disabled and pending-import keys', async () => {
    const key = await pendingImportKey(server.kms());
    await update(key.KeyId!, 'imported later');
    expect((await describeKey(server.kms(), key.KeyId!)).Description).toBe('imported later');
  });

  it('rejects a key pending deletion', async () => {
    const key = await pendingDeletionKey(server.kms());
    expect(await awsError(() => update(key.KeyId!, 'x'))).toEqual({ name: 'KMSInvalidStateException', message: `${key.Arn} is pending deletion.`, status: 400 });
  });

  it('requires a Description of at most 8192 characters (model)', async () => {
    const key = await createKey(server.kms());
    const raw = await server.raw('TrentService.UpdateKeyDescription', JSON.stringify({ KeyId: key.KeyId }));
    expect(raw.json).toEqual({ __type: 'ValidationException', message: "1 validation error detected: Value null at 'description' failed to satisfy constraint: Member must not be null" });
    const long = 'd'.repeat(8193);
    expect(await awsError(() => update(key.KeyId!, long))).toEqual({
      name: 'ValidationException',
      message: `1 validation error detected: Value '${long}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192`,
      status: 400,
    });
  });

  it('denies AWS managed keys', async () => {
    const key = await awsManagedKey(server.kms());
    expect((await awsError(() => update(key.KeyId!, 'mine'))).name).toBe('AccessDeniedException');
  });
});
