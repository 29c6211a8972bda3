import { DescribeCustomKeyStoresCommand } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { freshAccount } from './key-management';
import { cloudHsmStore, createStore, externalStore } from './key-store-support';

const server = useServer();

describe('DescribeCustomKeyStores', () => {
  it('lists the stores of the account in pages, NextMarker only when truncated', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const ids = [await createStore(kms, cloudHsmStore('one')), await createStore(kms, externalStore('two'))].sort();
    const all = await kms.send(new DescribeCustomKeyStoresCommand({}));
    expect(all.CustomKeyStores!.map((s) => s.CustomKeyStoreId)).toEqual(ids);
    expect(all).toMatchObject({ Truncated: false });
    expect(all.NextMarker).toBeUndefined();
    const first = await kms.send(new DescribeCustomKeyStoresCommand({ Limit: 1 }));
    expect(first).toMatchObject({ Truncated: true, NextMarker: ids[0] });
    const second = await kms.send(new DescribeCustomKeyStoresCommand({ Limit: 1, Marker: first.NextMarker }));
    expect(second.CustomKeyStores!.map((s) => s.CustomKeyStoreId)).toEqual([ids[1]]);
    expect(second.Truncated).toBe(false);
  });

  it('finds one store by id or by name, and says which is missing', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const id = await createStore(kms, cloudHsmStore('named'));
    const byName = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: 'named' }));
    expect(byName.CustomKeyStores!.map((s) => s.CustomKeyStoreId)).toEqual([id]);
    expect(await awsError(() => kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: 'cks-0123456789abcdef0' })))).toEqual({
      name: 'CustomKeyStoreNotFoundException',
      message: 'Custom key store ID: cks-0123456789abcdef0 does not exist.',
      status: 400,
    });
    expect(await awsError(() => kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: 'other' })))).toEqual({
      name: 'CustomKeyStoreNotFoundException',
      message: 'Custom key store name: other does not exist.',
      status: 400,
    });
  });

  it('does not show another account’s stores', async () => {
    await createStore(server.kms({ accessKeyId: freshAccount() }), cloudHsmStore('mine'));
    const other = await server.kms({ accessKeyId: freshAccount() }).send(new DescribeCustomKeyStoresCommand({}));
    expect(other.CustomKeyStores).toEqual([]);
  });
});
