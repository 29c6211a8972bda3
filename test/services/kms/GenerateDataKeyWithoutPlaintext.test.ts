import { DecryptCommand, GenerateDataKeyWithoutPlaintextCommand, type GenerateDataKeyWithoutPlaintextCommandInput, type KeyMetadata } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { createKey, itChecksKeyStateAndDryRun, NO_MESSAGE } from './support';

const server = useServer();
let key: KeyMetadata;
beforeAll(async () => {
  key = await createKey(server.kms());
});

const generate = (input: GenerateDataKeyWithoutPlaintextCommandInput) => server.kms().send(new GenerateDataKeyWithoutPlaintextCommand(input));

describe('GenerateDataKeyWithoutPlaintext', () => {
  it('returns only the encrypted data key, which Decrypt opens with the same context', async () => {
    const out = await generate({ KeyId: key.Arn, KeySpec: 'AES_128', EncryptionContext: { a: 'b' } });
    const { $metadata, CiphertextBlob, ...rest } = out;
    expect(rest).toEqual({ KeyId: key.Arn, KeyMaterialId: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const back = await server.kms().send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { a: 'b' } }));
    expect(back.Plaintext!.length).toBe(16);
    expect(await awsError(() => server.kms().send(new DecryptCommand({ CiphertextBlob })))).toEqual({
      name: 'InvalidCiphertextException',
      message: NO_MESSAGE,
      status: 400,
    });
  });

  it('honours NumberOfBytes', async () => {
    const out = await generate({ KeyId: key.KeyId, NumberOfBytes: 100 });
    expect((await server.kms().send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob }))).Plaintext!.length).toBe(100);
  });

  it('needs exactly one of KeySpec and NumberOfBytes', async () => {
    expect(await awsError(() => generate({ KeyId: key.KeyId }))).toEqual({
      name: 'ValidationException',
      message: 'Please specify either number of bytes or key spec.',
      status: 400,
    });
  });

  it('needs a symmetric encryption key', async () => {
    const signing = await createKey(server.kms(), 'ECC_NIST_P256', 'SIGN_VERIFY');
    expect(await awsError(() => generate({ KeyId: signing.KeyId, KeySpec: 'AES_256' }))).toEqual({
      name: 'InvalidKeyUsageException',
      message: `${signing.Arn} key usage is SIGN_VERIFY which is not valid for GenerateDataKeyWithoutPlaintext.`,
      status: 400,
    });
  });

  itChecksKeyStateAndDryRun(
    () => server.kms(),
    () => key,
    (KeyId, DryRun) => generate({ KeyId, KeySpec: 'AES_256', DryRun }),
  );
});
