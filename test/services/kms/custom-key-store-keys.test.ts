// Keys in custom key stores: created only in a connected store, with the store in their
// KeyMetadata, usable only while it is connected (Unavailable otherwise).
import {
  ConnectCustomKeyStoreCommand,
  CreateKeyCommand,
  DecryptCommand,
  DisableKeyCommand,
  DisconnectCustomKeyStoreCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GenerateRandomCommand,
  type CreateKeyRequest,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { describeKey, freshAccount } from './key-management';
import { cloudHsmStore, connectedStore, createStore, externalStore, keyInStore, runJobs } from './key-store-support';

const server = useServer();

const createKey = async (kms: KMSClient, input: CreateKeyRequest) => (await kms.send(new CreateKeyCommand(input))).KeyMetadata!;
const encrypt = (kms: KMSClient, KeyId: string) => kms.send(new EncryptCommand({ KeyId, Plaintext: Buffer.from('secret') }));

describe('keys in a custom key store', () => {
  it('reports the store, its cluster and origin in KeyMetadata', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const id = await connectedStore(kms, server, cloudHsmStore('hsm'));
    const key = await keyInStore(kms, id);
    expect(key).toMatchObject({ CustomKeyStoreId: id, CloudHsmClusterId: 'cluster-234abcdefgh', Origin: 'AWS_CLOUDHSM', KeyState: 'Enabled', KeySpec: 'SYMMETRIC_DEFAULT' });
    const xks = await connectedStore(kms, server, externalStore('xks'));
    const external = await createKey(kms, { CustomKeyStoreId: xks, Origin: 'EXTERNAL_KEY_STORE', XksKeyId: 'external-key-1' });
    expect(external).toMatchObject({ CustomKeyStoreId: xks, Origin: 'EXTERNAL_KEY_STORE', XksKeyConfiguration: { Id: 'external-key-1' } });
    expect(external.CloudHsmClusterId).toBeUndefined();
    expect(await awsError(() => createKey(kms, { CustomKeyStoreId: xks, Origin: 'EXTERNAL_KEY_STORE', XksKeyId: 'external-key-1' }))).toEqual({
      name: 'XksKeyAlreadyInUseException',
      message: `The external key external-key-1 is already associated with a KMS key in custom key store ${xks}.`,
      status: 400,
    });
  });

  it('is Unavailable while its store is disconnected and usable again once reconnected', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const id = await connectedStore(kms, server, cloudHsmStore('hsm'));
    const key = await keyInStore(kms, id);
    const disabled = await keyInStore(kms, id);
    await kms.send(new DisableKeyCommand({ KeyId: disabled.KeyId }));
    const { CiphertextBlob } = await encrypt(kms, key.KeyId!);
    await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    expect(await describeKey(kms, key.KeyId!)).toMatchObject({ KeyState: 'Unavailable', Enabled: false });
    expect(await awsError(() => encrypt(kms, key.KeyId!))).toEqual({ name: 'KMSInvalidStateException', message: `${key.Arn} is unavailable.`, status: 400 });
    expect((await awsError(() => kms.send(new DecryptCommand({ CiphertextBlob })))).name).toBe('KMSInvalidStateException');
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    expect((await awsError(() => encrypt(kms, key.KeyId!))).name).toBe('KMSInvalidStateException');
    await runJobs(server);
    expect(Buffer.from((await kms.send(new DecryptCommand({ CiphertextBlob }))).Plaintext!).toString()).toBe('secret');
    expect((await encrypt(kms, key.KeyId!)).KeyId).toBe(key.Arn);
    expect((await describeKey(kms, disabled.KeyId!)).KeyState).toBe('Disabled');
  });

  it('is created only in a connected store', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const id = await createStore(kms, cloudHsmStore('hsm'));
    expect(await awsError(() => keyInStore(kms, id))).toEqual({
      name: 'CustomKeyStoreInvalidStateException',
      message: `Custom key store ${id} has ConnectionState DISCONNECTED: CreateKey requires a CONNECTED custom key store.`,
      status: 400,
    });
    expect(await awsError(() => keyInStore(kms, 'cks-0123456789abcdef0'))).toEqual({
      name: 'CustomKeyStoreNotFoundException',
      message: 'Custom key store ID: cks-0123456789abcdef0 does not exist.',
      status: 400,
    });
  });

  it('must be a symmetric key whose origin names the store’s type', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const id = await connectedStore(kms, server, cloudHsmStore('hsm'));
    expect(await awsError(() => createKey(kms, { CustomKeyStoreId: id }))).toEqual({
      name: 'ValidationException',
      message: 'Origin AWS_KMS is not valid for a custom key store of type AWS_CLOUDHSM; use Origin AWS_CLOUDHSM.',
      status: 400,
    });
    expect(await awsError(() => createKey(kms, { CustomKeyStoreId: id, Origin: 'AWS_CLOUDHSM', KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }))).toEqual({
      name: 'ValidationException',
      message: 'KMS keys in a custom key store must be single-Region symmetric encryption keys (KeySpec SYMMETRIC_DEFAULT, KeyUsage ENCRYPT_DECRYPT).',
      status: 400,
    });
    const xks = await connectedStore(kms, server, externalStore('xks'));
    expect(await awsError(() => createKey(kms, { CustomKeyStoreId: xks, Origin: 'EXTERNAL_KEY_STORE' }))).toEqual({
      name: 'ValidationException',
      message: 'XksKeyId is required for keys in an external key store and valid only for them.',
      status: 400,
    });
  });

  it('does not rotate', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const key = await keyInStore(kms, await connectedStore(kms, server, cloudHsmStore('hsm')));
    expect(await awsError(() => kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId })))).toEqual({
      name: 'UnsupportedOperationException',
      message: `${key.Arn} origin is AWS_CLOUDHSM which is not valid for this operation.`,
      status: 400,
    });
  });

  it('GenerateRandom takes a connected CloudHSM key store only', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const random = (CustomKeyStoreId: string) => kms.send(new GenerateRandomCommand({ NumberOfBytes: 16, CustomKeyStoreId }));
    const id = await createStore(kms, cloudHsmStore('hsm'));
    expect(await awsError(() => random(id))).toEqual({
      name: 'CustomKeyStoreInvalidStateException',
      message: `Custom key store ${id} has ConnectionState DISCONNECTED: GenerateRandom requires a CONNECTED custom key store.`,
      status: 400,
    });
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    await runJobs(server);
    expect((await random(id)).Plaintext).toHaveLength(16);
    const xks = await connectedStore(kms, server, externalStore('xks'));
    expect(await awsError(() => random(xks))).toEqual({
      name: 'UnsupportedOperationException',
      message: 'GenerateRandom is not supported for custom key stores of type EXTERNAL_KEY_STORE.',
      status: 400,
    });
  });
});
