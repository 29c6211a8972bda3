import { DecapsulateCommand, type DecapsulateCommandInput, EncapsulateCommand, type KeyMetadata } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { createKey, NO_MESSAGE, unusableKeys } from './support';

const server = useServer();
let key: KeyMetadata;
beforeAll(async () => {
  key = await createKey(server.kms(), 'ML_KEM_512', 'ENCAPSULATE_DECAPSULATE');
});

const decapsulate = (input: DecapsulateCommandInput) => server.kms().send(new DecapsulateCommand(input));
const encapsulated = () => server.kms().send(new EncapsulateCommand({ KeyId: key.KeyId, EncapsulationAlgorithm: 'ML_KEM' }));

describe('Decapsulate', () => {
  it('recovers the shared secret, with the key ARN', async () => {
    const { SharedSecret, SharedSecretCiphertextBlob } = await encapsulated();
    const { $metadata, ...out } = await decapsulate({ KeyId: key.Arn, SharedSecretCiphertextBlob, EncapsulationAlgorithm: 'ML_KEM' });
    expect(out).toEqual({ KeyId: key.Arn, SharedSecret: SharedSecret, EncapsulationAlgorithm: 'ML_KEM' });
  });

  it('refuses a ciphertext of the wrong length with no message', async () => {
    for (const SharedSecretCiphertextBlob of [Buffer.from('garbage'), Buffer.alloc(769)]) {
      expect(await awsError(() => decapsulate({ KeyId: key.KeyId, SharedSecretCiphertextBlob, EncapsulationAlgorithm: 'ML_KEM' }))).toEqual({
        name: 'InvalidCiphertextException',
        message: NO_MESSAGE,
        status: 400,
      });
    }
  });

  it('gives another secret for a corrupted ciphertext (implicit rejection)', async () => {
    const { SharedSecret, SharedSecretCiphertextBlob } = await encapsulated();
    const corrupted = Buffer.from(SharedSecretCiphertextBlob!);
    corrupted[5] ^= 1;
    const out = await decapsulate({ KeyId: key.KeyId, SharedSecretCiphertextBlob: corrupted, EncapsulationAlgorithm: 'ML_KEM' });
    expect(Buffer.from(out.SharedSecret!).equals(Buffer.from(SharedSecret!))).toBe(false);
  });

  it('needs an ENCAPSULATE_DECAPSULATE key', async () => {
    const signing = await createKey(server.kms(), 'ML_DSA_44', 'SIGN_VERIFY');
    expect(await awsError(() => decapsulate({ KeyId: signing.KeyId, SharedSecretCiphertextBlob: Buffer.alloc(768), EncapsulationAlgorithm: 'ML_KEM' }))).toEqual({
      name: 'InvalidKeyUsageException',
      message: `${signing.Arn} key usage is SIGN_VERIFY which is not valid for Decapsulate.`,
      status: 400,
    });
  });

  it('refuses keys that are not Enabled', async () => {
    for (const { key: unusable, error } of await unusableKeys(server.kms(), 'ML_KEM_512', 'ENCAPSULATE_DECAPSULATE')) {
      expect(await awsError(() => decapsulate({ KeyId: unusable.KeyId, SharedSecretCiphertextBlob: Buffer.alloc(768), EncapsulationAlgorithm: 'ML_KEM' }))).toEqual(error);
    }
  });

  it('answers DryRun after the checks', async () => {
    const { SharedSecretCiphertextBlob } = await encapsulated();
    expect((await awsError(() => decapsulate({ KeyId: key.KeyId, SharedSecretCiphertextBlob, EncapsulationAlgorithm: 'ML_KEM', DryRun: true }))).name).toBe(
      'DryRunOperationException',
    );
  });
});
