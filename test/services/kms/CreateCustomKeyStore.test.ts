import { CreateCustomKeyStoreCommand } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { freshAccount } from './key-management';
import { cloudHsmStore, createStore, describeStore, externalStore, VPC_SERVICE, XKS_CREDENTIAL } from './key-store-support';

const server = useServer();

describe('CreateCustomKeyStore', () => {
  it('creates a CloudHSM key store, DISCONNECTED, with a cks- id', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const id = await createStore(kms, cloudHsmStore('hsm'));
    expect(id).toMatch(/^cks-[0-9a-f]{17}$/);
    const store = await describeStore(kms, id);
    expect(store).toMatchObject({ CustomKeyStoreId: id, CustomKeyStoreName: 'hsm', CustomKeyStoreType: 'AWS_CLOUDHSM', CloudHsmClusterId: 'cluster-234abcdefgh', ConnectionState: 'DISCONNECTED' });
    expect(store.CreationDate).toBeInstanceOf(Date);
    expect(store.XksProxyConfiguration).toBeUndefined();
  });

  it('creates an external key store and never answers the secret access key', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const id = await createStore(kms, { ...externalStore('xks'), XksProxyConnectivity: 'VPC_ENDPOINT_SERVICE', XksProxyVpcEndpointServiceName: VPC_SERVICE });
    const store = await describeStore(kms, id);
    expect(store).toMatchObject({
      CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
      ConnectionState: 'DISCONNECTED',
      XksProxyConfiguration: { Connectivity: 'VPC_ENDPOINT_SERVICE', AccessKeyId: XKS_CREDENTIAL.AccessKeyId, UriEndpoint: 'https://xks.example.com', UriPath: '/kms/xks/v1', VpcEndpointServiceName: VPC_SERVICE },
    });
    expect(JSON.stringify(store)).not.toContain(XKS_CREDENTIAL.RawSecretAccessKey);
    expect(store.CloudHsmClusterId).toBeUndefined();
  });

  it('refuses a name already in use in the account and Region', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    await createStore(kms, cloudHsmStore('same'));
    expect(await awsError(() => createStore(kms, externalStore('same')))).toEqual({
      name: 'CustomKeyStoreNameInUseException',
      message: 'Custom key store name: same is already in use.',
      status: 400,
    });
  });

  it('refuses a cluster, a proxy URI or a VPC endpoint service another store uses', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    await createStore(kms, cloudHsmStore('a'));
    expect((await awsError(() => createStore(kms, cloudHsmStore('b')))).name).toBe('CloudHsmClusterInUseException');
    await createStore(kms, externalStore('x'));
    expect(await awsError(() => createStore(kms, externalStore('y')))).toMatchObject({ name: 'XksProxyUriInUseException' });
    const vpc = { XksProxyConnectivity: 'VPC_ENDPOINT_SERVICE' as const, XksProxyVpcEndpointServiceName: VPC_SERVICE };
    await createStore(kms, { ...externalStore('v1', '/a/kms/xks/v1'), ...vpc });
    expect(await awsError(() => createStore(kms, { ...externalStore('v2', '/b/kms/xks/v1'), ...vpc }))).toMatchObject({ name: 'XksProxyVpcEndpointServiceInUseException' });
  });

  it('requires the members of its type and refuses those of the other type', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    expect(await awsError(() => kms.send(new CreateCustomKeyStoreCommand({ CustomKeyStoreName: 'n', CloudHsmClusterId: 'cluster-234abcdefgh' })))).toEqual({
      name: 'ValidationException',
      message: 'CloudHsmClusterId, TrustAnchorCertificate and KeyStorePassword are required for a custom key store of type AWS_CLOUDHSM.',
      status: 400,
    });
    expect(await awsError(() => createStore(kms, { ...externalStore('n'), CloudHsmClusterId: 'cluster-234abcdefgh' }))).toEqual({
      name: 'ValidationException',
      message: 'The request contains parameters that are not valid for a custom key store of type EXTERNAL_KEY_STORE.',
      status: 400,
    });
    expect(await awsError(() => createStore(kms, { ...externalStore('n'), XksProxyConnectivity: 'VPC_ENDPOINT_SERVICE' }))).toEqual({
      name: 'ValidationException',
      message: 'XksProxyVpcEndpointServiceName is required when XksProxyConnectivity is VPC_ENDPOINT_SERVICE.',
      status: 400,
    });
  });
});
