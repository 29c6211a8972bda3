import { DeleteCustomKeyStoreCommand, DisconnectCustomKeyStoreCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { advanceClock, awsError, useServer } from '../../helpers/server';
import { DAY, freshAccount } from './key-management';
import { cloudHsmStore, connectedStore, createStore, keyInStore } from './key-store-support';

const server = useServer({ clock: 'reset' });

const notFound = (id: string) => ({ name: 'CustomKeyStoreNotFoundException', message: `Custom key store ID: ${id} does not exist.`, status: 400 });

describe('DeleteCustomKeyStore', () => {
  it('deletes a disconnected store without keys', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const id = await createStore(kms, cloudHsmStore('hsm'));
    await kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    expect(await awsError(() => kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id })))).toEqual(notFound(id));
  });

  it('refuses a connected store, then one with keys until they are deleted', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const id = await connectedStore(kms, server, cloudHsmStore('hsm'));
    const key = await keyInStore(kms, id);
    expect(await awsError(() => kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id })))).toEqual({
      name: 'CustomKeyStoreInvalidStateException',
      message: `Custom key store ${id} has ConnectionState CONNECTED: DeleteCustomKeyStore requires a DISCONNECTED custom key store.`,
      status: 400,
    });
    await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    expect(await awsError(() => kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id })))).toEqual({
      name: 'CustomKeyStoreHasCMKsException',
      message: `Custom key store ${id} contains KMS keys. Delete them and wait for their deletion before deleting the custom key store.`,
      status: 400,
    });
    await advanceClock(server, 8 * DAY);
    await kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  });

  it('answers CustomKeyStoreNotFoundException for an unknown store', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    expect(await awsError(() => kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: 'cks-0123456789abcdef0' })))).toEqual(notFound('cks-0123456789abcdef0'));
  });
});
