import { UpdateCustomKeyStoreCommand } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { freshAccount } from './key-management';
import { cloudHsmStore, connectedStore, createStore, describeStore, externalStore } from './key-store-support';

const server = useServer();

describe('UpdateCustomKeyStore', () => {
  it('changes a disconnected store’s name and settings', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const id = await createStore(kms, externalStore('xks'));
    await kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, NewCustomKeyStoreName: 'renamed', XksProxyUriPath: '/p/kms/xks/v2' }));
    expect(await describeStore(kms, id)).toMatchObject({ CustomKeyStoreName: 'renamed', XksProxyConfiguration: { UriPath: '/p/kms/xks/v2', UriEndpoint: 'https://xks.example.com' } });
  });

  it('renames a connected store but changes nothing else while it is connected', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const id = await connectedStore(kms, server, cloudHsmStore('hsm'));
    await kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, NewCustomKeyStoreName: 'renamed' }));
    expect((await describeStore(kms, id)).CustomKeyStoreName).toBe('renamed');
    expect(await awsError(() => kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, KeyStorePassword: 'new-password' })))).toEqual({
      name: 'CustomKeyStoreInvalidStateException',
      message: `Custom key store ${id} has ConnectionState CONNECTED: UpdateCustomKeyStore can change a connected custom key store only to rename it; other changes require a DISCONNECTED custom key store.`,
      status: 400,
    });
  });

  it('keeps names unique and settings of the store’s own type', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    await createStore(kms, cloudHsmStore('taken', 'cluster-234abcdefgz'));
    const id = await createStore(kms, cloudHsmStore('hsm'));
    expect((await awsError(() => kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, NewCustomKeyStoreName: 'taken' })))).name).toBe('CustomKeyStoreNameInUseException');
    expect(await awsError(() => kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, XksProxyUriPath: '/kms/xks/v1' })))).toEqual({
      name: 'ValidationException',
      message: 'The request contains parameters that are not valid for a custom key store of type AWS_CLOUDHSM.',
      status: 400,
    });
    await kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, CloudHsmClusterId: 'cluster-234abcdefgy' }));
    expect((await describeStore(kms, id)).CloudHsmClusterId).toBe('cluster-234abcdefgy');
  });

  it('answers CustomKeyStoreNotFoundException for an unknown store', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    expect((await awsError(() => kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: 'cks-0123456789abcdef0', NewCustomKeyStoreName: 'x' })))).name).toBe('CustomKeyStoreNotFoundException');
  });
});
