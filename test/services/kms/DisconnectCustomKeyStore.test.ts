import { DisconnectCustomKeyStoreCommand } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { freshAccount } from './key-management';
import { cloudHsmStore, connectedStore, createStore, describeStore } from './key-store-support';

const server = useServer();

describe('DisconnectCustomKeyStore', () => {
  it('disconnects a connected store at once', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const id = await connectedStore(kms, server, cloudHsmStore('hsm'));
    await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    expect((await describeStore(kms, id)).ConnectionState).toBe('DISCONNECTED');
  });

  it('refuses a store that is already disconnected', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const id = await createStore(kms, cloudHsmStore('hsm'));
    expect(await awsError(() => kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id })))).toEqual({
      name: 'CustomKeyStoreInvalidStateException',
      message: `Custom key store ${id} has ConnectionState DISCONNECTED: DisconnectCustomKeyStore requires a custom key store that is not disconnected.`,
      status: 400,
    });
  });

  it('answers CustomKeyStoreNotFoundException for an unknown store', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    expect((await awsError(() => kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: 'cks-0123456789abcdef0' })))).name).toBe('CustomKeyStoreNotFoundException');
  });
});
