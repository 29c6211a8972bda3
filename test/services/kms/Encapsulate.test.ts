import { DecapsulateCommand, EncapsulateCommand, type EncapsulateCommandInput, type EncapsulationAlgorithmSpec, GetPublicKeyCommand, type KeySpec } from '@aws-sdk/client-kms';
import { ml_kem768 } from '@noble/post-quantum/ml-kem.js';
import { awsError, useServer } from '../../helpers/server';
import { createKey, unusableKeys } from './support';

const server = useServer();

const encapsulate = (input: EncapsulateCommandInput) => server.kms().send(new EncapsulateCommand(input));

describe('Encapsulate', () => {
  it.each<[KeySpec, number]>([
    ['ML_KEM_512', 768],
    ['ML_KEM_768', 1088],
    ['ML_KEM_1024', 1568],
  ])('encapsulates to a %s key; Decapsulate recovers the secret', async (spec, ciphertextLength) => {
    const key = await createKey(server.kms(), spec, 'ENCAPSULATE_DECAPSULATE');
    const { $metadata, SharedSecret, SharedSecretCiphertextBlob, ...rest } = await encapsulate({ KeyId: key.KeyId, EncapsulationAlgorithm: 'ML_KEM' });
    expect(rest).toEqual({ KeyId: key.Arn, EncapsulationAlgorithm: 'ML_KEM' });
    expect(SharedSecret!.length).toBe(32);
    expect(SharedSecretCiphertextBlob!.length).toBe(ciphertextLength);
    const back = await server.kms().send(new DecapsulateCommand({ KeyId: key.KeyId, SharedSecretCiphertextBlob, EncapsulationAlgorithm: 'ML_KEM' }));
    expect(Buffer.from(back.SharedSecret!).equals(Buffer.from(SharedSecret!))).toBe(true);
  });

  it('matches FIPS 203: a ciphertext made offline to the public key decapsulates to the same secret', async () => {
    const key = await createKey(server.kms(), 'ML_KEM_768', 'ENCAPSULATE_DECAPSULATE');
    const spki = Buffer.from((await server.kms().send(new GetPublicKeyCommand({ KeyId: key.KeyId }))).PublicKey!);
    const offline = ml_kem768.encapsulate(spki.subarray(spki.length - 1184));
    const back = await server.kms().send(new DecapsulateCommand({ KeyId: key.KeyId, SharedSecretCiphertextBlob: offline.cipherText, EncapsulationAlgorithm: 'ML_KEM' }));
    expect(Buffer.from(back.SharedSecret!).equals(Buffer.from(offline.sharedSecret))).toBe(true);
  });

  it('needs an ENCAPSULATE_DECAPSULATE key', async () => {
    const symmetric = await createKey(server.kms());
    expect(await awsError(() => encapsulate({ KeyId: symmetric.KeyId, EncapsulationAlgorithm: 'ML_KEM' }))).toEqual({
      name: 'InvalidKeyUsageException',
      message: `${symmetric.Arn} key usage is ENCRYPT_DECRYPT which is not valid for Encapsulate.`,
      status: 400,
    });
  });

  it('checks EncapsulationAlgorithm against the model', async () => {
    const key = await createKey(server.kms(), 'ML_KEM_512', 'ENCAPSULATE_DECAPSULATE');
    expect((await awsError(() => encapsulate({ KeyId: key.KeyId, EncapsulationAlgorithm: 'KYBER' as EncapsulationAlgorithmSpec }))).message).toBe(
      "1 validation error detected: Value 'KYBER' at 'encapsulationAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [ML_KEM]",
    );
  });

  it('refuses keys that are not Enabled', async () => {
    for (const { key, error } of await unusableKeys(server.kms(), 'ML_KEM_512', 'ENCAPSULATE_DECAPSULATE')) {
      expect(await awsError(() => encapsulate({ KeyId: key.KeyId, EncapsulationAlgorithm: 'ML_KEM' }))).toEqual(error);
    }
  });

  it('answers DryRun after the checks', async () => {
    const key = await createKey(server.kms(), 'ML_KEM_512', 'ENCAPSULATE_DECAPSULATE');
    expect((await awsError(() => encapsulate({ KeyId: key.KeyId, EncapsulationAlgorithm: 'ML_KEM', DryRun: true }))).name).toBe('DryRunOperationException');
  });
});
