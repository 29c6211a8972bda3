import { DecryptCommand, DescribeKeyCommand, GenerateDataKeyCommand, type GenerateDataKeyCommandInput, type KeyMetadata } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { createKey, itChecksKeyStateAndDryRun, NO_MESSAGE } from './support';

const server = useServer();
let key: KeyMetadata;
beforeAll(async () => {
  key = await createKey(server.kms());
});

const generate = (input: GenerateDataKeyCommandInput) => server.kms().send(new GenerateDataKeyCommand(input));

describe('GenerateDataKey', () => {
  it('returns the data key in the clear and encrypted, the key ARN and its material id', async () => {
    const out = await generate({ KeyId: key.KeyId, KeySpec: 'AES_256' });
    const { KeyMetadata: m } = await server.kms().send(new DescribeKeyCommand({ KeyId: key.KeyId }));
    expect(out).toMatchObject({ KeyId: key.Arn, KeyMaterialId: m!.CurrentKeyMaterialId });
    expect(out.Plaintext!.length).toBe(32);
    const back = await server.kms().send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob }));
    expect(Buffer.from(back.Plaintext!).equals(Buffer.from(out.Plaintext!))).toBe(true);
  });

  it.each<[Omit<GenerateDataKeyCommandInput, 'KeyId'>, number]>([
    [{ KeySpec: 'AES_128' }, 16],
    [{ NumberOfBytes: 1 }, 1],
    [{ NumberOfBytes: 64 }, 64],
    [{ NumberOfBytes: 1024 }, 1024],
  ])('honours %j', async (size, length) => {
    const out = await generate({ KeyId: key.KeyId, ...size });
    expect(out.Plaintext!.length).toBe(length);
  });

  it('needs exactly one of KeySpec and NumberOfBytes', async () => {
    const error = { name: 'ValidationException', message: 'Please specify either number of bytes or key spec.', status: 400 };
    expect(await awsError(() => generate({ KeyId: key.KeyId }))).toEqual(error);
    expect(await awsError(() => generate({ KeyId: key.KeyId, KeySpec: 'AES_256', NumberOfBytes: 32 }))).toEqual(error);
  });

  it('checks NumberOfBytes and KeySpec against the model', async () => {
    expect((await awsError(() => generate({ KeyId: key.KeyId, NumberOfBytes: 1025 }))).message).toBe(
      "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024",
    );
    expect((await awsError(() => generate({ KeyId: key.KeyId, KeySpec: 'AES-256' as 'AES_256' }))).message).toBe(
      "1 validation error detected: Value 'AES-256' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [AES_256, AES_128]",
    );
  });

  it('binds the encryption context', async () => {
    const out = await generate({ KeyId: key.KeyId, KeySpec: 'AES_256', EncryptionContext: { purpose: 'test' } });
    expect(await awsError(() => server.kms().send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob })))).toEqual({
      name: 'InvalidCiphertextException',
      message: NO_MESSAGE,
      status: 400,
    });
    await expect(server.kms().send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob, EncryptionContext: { purpose: 'test' } }))).resolves.toBeDefined();
  });

  it('gives a fresh key every call', async () => {
    const a = await generate({ KeyId: key.KeyId, KeySpec: 'AES_256' });
    const b = await generate({ KeyId: key.KeyId, KeySpec: 'AES_256' });
    expect(Buffer.from(a.Plaintext!).equals(Buffer.from(b.Plaintext!))).toBe(false);
  });

  it('works through an AWS managed alias', async () => {
    expect((await generate({ KeyId: 'alias/aws/dynamodb', KeySpec: 'AES_256' })).KeyId).toMatch(/^arn:aws:kms:us-east-1:000000000000:key\//);
  });

  it('needs a symmetric encryption key', async () => {
    const rsa = await createKey(server.kms(), 'RSA_2048', 'ENCRYPT_DECRYPT');
    expect(await awsError(() => generate({ KeyId: rsa.KeyId, KeySpec: 'AES_256' }))).toEqual({
      name: 'InvalidKeyUsageException',
      message: 'Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.',
      status: 400,
    });
    const hmac = await createKey(server.kms(), 'HMAC_256', 'GENERATE_VERIFY_MAC');
    expect(await awsError(() => generate({ KeyId: hmac.KeyId, KeySpec: 'AES_256' }))).toEqual({
      name: 'InvalidKeyUsageException',
      message: `${hmac.Arn} key usage is GENERATE_VERIFY_MAC which is not valid for GenerateDataKey.`,
      status: 400,
    });
  });

  itChecksKeyStateAndDryRun(
    () => server.kms(),
    () => key,
    (KeyId, DryRun) => generate({ KeyId, KeySpec: 'AES_256', DryRun }),
  );
});
