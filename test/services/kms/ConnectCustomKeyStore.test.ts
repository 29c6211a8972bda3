import { ConnectCustomKeyStoreCommand, DisconnectCustomKeyStoreCommand } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { freshAccount } from './key-management';
import { cloudHsmStore, createStore, describeStore, externalStore, runJobs } from './key-store-support';

const server = useServer();

describe('ConnectCustomKeyStore', () => {
  it.each([
    ['CloudHSM', cloudHsmStore('hsm')],
    ['external', externalStore('xks')],
  ])('connects a %s key store: CONNECTING, then CONNECTED once the job has run', async (_type, input) => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const id = await createStore(kms, input);
    expect(await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }))).toMatchObject({ $metadata: { httpStatusCode: 200 } });
    // CONNECTING until the job runs; the runner's 1 s timer may run it before this read.
    expect(['CONNECTING', 'CONNECTED']).toContain((await describeStore(kms, id)).ConnectionState);
    await runJobs(server);
    const store = await describeStore(kms, id);
    expect(store.ConnectionState).toBe('CONNECTED');
    expect(store.ConnectionErrorCode).toBeUndefined();
  });

  it('succeeds again on a store already connecting or connected', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const id = await createStore(kms, cloudHsmStore('hsm'));
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    await runJobs(server);
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    expect((await describeStore(kms, id)).ConnectionState).toBe('CONNECTED');
  });

  it('abandons a connection the store is disconnected from before it completes', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const id = await createStore(kms, cloudHsmStore('hsm'));
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    await runJobs(server);
    expect((await describeStore(kms, id)).ConnectionState).toBe('DISCONNECTED');
  });

  it('answers CustomKeyStoreNotFoundException for an unknown store', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    expect(await awsError(() => kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: 'cks-0123456789abcdef0' })))).toEqual({
      name: 'CustomKeyStoreNotFoundException',
      message: 'Custom key store ID: cks-0123456789abcdef0 does not exist.',
      status: 400,
    });
  });
});
