import { CreateAliasCommand, DecryptCommand, EncryptCommand, type EncryptCommandInput, type KeyMetadata } from '@aws-sdk/client-kms';
import { ACCOUNT, awsError, REGION, useServer } from '../../helpers/server';
import { createKey, unusableKeys } from './support';

const server = useServer();
let symmetric: KeyMetadata;
let rsa: KeyMetadata;
beforeAll(async () => {
  symmetric = await createKey(server.kms());
  rsa = await createKey(server.kms(), 'RSA_2048', 'ENCRYPT_DECRYPT');
});

const encrypt = (input: EncryptCommandInput) => server.kms().send(new EncryptCommand(input));
const text = (s: string) => Buffer.from(s);

describe('Encrypt', () => {
  it('encrypts under a symmetric key; the response names the key by ARN', async () => {
    const out = await encrypt({ KeyId: symmetric.KeyId, Plaintext: text('hello') });
    expect(out.KeyId).toBe(symmetric.Arn);
    expect(out.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
    const back = await server.kms().send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob }));
    expect(Buffer.from(back.Plaintext!).toString()).toBe('hello');
  });

  it('gives a different ciphertext every time (random nonce)', async () => {
    const a = await encrypt({ KeyId: symmetric.KeyId, Plaintext: text('same') });
    const b = await encrypt({ KeyId: symmetric.KeyId, Plaintext: text('same') });
    expect(Buffer.from(a.CiphertextBlob!).equals(Buffer.from(b.CiphertextBlob!))).toBe(false);
  });

  it('accepts the key ARN and an AWS managed alias by name and by ARN', async () => {
    expect((await encrypt({ KeyId: symmetric.Arn, Plaintext: text('x') })).KeyId).toBe(symmetric.Arn);
    const byName = await encrypt({ KeyId: 'alias/aws/s3', Plaintext: text('x') });
    const byArn = await encrypt({ KeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:alias/aws/s3`, Plaintext: text('x') });
    expect(byName.KeyId).toMatch(/^arn:aws:kms:us-east-1:000000000000:key\//);
    expect(byArn.KeyId).toBe(byName.KeyId);
  });

  it('enforces the plaintext length limits of the model', async () => {
    expect(await awsError(() => encrypt({ KeyId: symmetric.KeyId, Plaintext: Buffer.alloc(4097) }))).toEqual({
      name: 'ValidationException',
      message: "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096",
      status: 400,
    });
    await expect(encrypt({ KeyId: symmetric.KeyId, Plaintext: Buffer.alloc(4096) })).resolves.toBeDefined();
  });

  it('reports unknown and malformed keys as AWS does', async () => {
    const id = '0b1f6a1e-7a2c-4c63-9a40-4d7c2a0b1f6a';
    expect(await awsError(() => encrypt({ KeyId: id, Plaintext: text('x') }))).toEqual({
      name: 'NotFoundException',
      message: `Key 'arn:aws:kms:${REGION}:${ACCOUNT}:key/${id}' does not exist`,
      status: 400,
    });
    expect((await awsError(() => encrypt({ KeyId: 'key_id', Plaintext: text('x') }))).message).toBe("Invalid keyId 'key_id'");
  });

  it('refuses a key whose usage is not ENCRYPT_DECRYPT, before looking at the algorithm', async () => {
    const signing = await createKey(server.kms(), 'ECC_NIST_P256', 'SIGN_VERIFY');
    expect(await awsError(() => encrypt({ KeyId: signing.KeyId, Plaintext: text('x'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }))).toEqual({
      name: 'InvalidKeyUsageException',
      message: `${signing.Arn} key usage is SIGN_VERIFY which is not valid for Encrypt.`,
      status: 400,
    });
  });

  it('refuses keys that are not Enabled', async () => {
    for (const { key, error } of await unusableKeys(server.kms())) {
      expect(await awsError(() => encrypt({ KeyId: key.KeyId, Plaintext: text('x') }))).toEqual(error);
    }
  });

  it('accepts a customer alias by name and by ARN', async () => {
    await server.kms().send(new CreateAliasCommand({ AliasName: 'alias/encrypt-test', TargetKeyId: symmetric.KeyId }));
    expect((await encrypt({ KeyId: 'alias/encrypt-test', Plaintext: text('x') })).KeyId).toBe(symmetric.Arn);
    expect((await encrypt({ KeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:alias/encrypt-test`, Plaintext: text('x') })).KeyId).toBe(symmetric.Arn);
  });

  it('refuses an algorithm the key does not offer', async () => {
    expect(await awsError(() => encrypt({ KeyId: rsa.KeyId, Plaintext: text('x') }))).toEqual({
      name: 'InvalidKeyUsageException',
      message: 'Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.',
      status: 400,
    });
    expect((await awsError(() => encrypt({ KeyId: symmetric.KeyId, Plaintext: text('x'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' }))).message).toBe(
      'Algorithm RSAES_OAEP_SHA_1 is incompatible with key spec SYMMETRIC_DEFAULT.',
    );
  });

  it('encrypts with RSAES-OAEP: a raw ciphertext as long as the modulus', async () => {
    for (const algorithm of ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] as const) {
      const out = await encrypt({ KeyId: rsa.KeyId, Plaintext: text('secret'), EncryptionAlgorithm: algorithm });
      expect(out).toMatchObject({ KeyId: rsa.Arn, EncryptionAlgorithm: algorithm });
      expect(out.CiphertextBlob!.length).toBe(256);
      const back = await server.kms().send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob, KeyId: rsa.KeyId, EncryptionAlgorithm: algorithm }));
      expect(Buffer.from(back.Plaintext!).toString()).toBe('secret');
    }
  });

  it.each([
    ['RSAES_OAEP_SHA_1', 214],
    ['RSAES_OAEP_SHA_256', 190],
  ] as const)('limits %s plaintext with RSA_2048 to %i bytes', async (algorithm, limit) => {
    await expect(encrypt({ KeyId: rsa.KeyId, Plaintext: Buffer.alloc(limit, 1), EncryptionAlgorithm: algorithm })).resolves.toBeDefined();
    expect(await awsError(() => encrypt({ KeyId: rsa.KeyId, Plaintext: Buffer.alloc(limit + 1, 1), EncryptionAlgorithm: algorithm }))).toEqual({
      name: 'ValidationException',
      message: `Algorithm ${algorithm} and key spec RSA_2048 cannot encrypt data larger than ${limit} bytes.`,
      status: 400,
    });
  });

  it('limits RSA_3072 plaintext to 342 / 318 bytes', async () => {
    const key = await createKey(server.kms(), 'RSA_3072', 'ENCRYPT_DECRYPT');
    expect((await awsError(() => encrypt({ KeyId: key.KeyId, Plaintext: Buffer.alloc(343), EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' }))).message).toBe(
      'Algorithm RSAES_OAEP_SHA_1 and key spec RSA_3072 cannot encrypt data larger than 342 bytes.',
    );
    expect((await awsError(() => encrypt({ KeyId: key.KeyId, Plaintext: Buffer.alloc(319), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }))).message).toBe(
      'Algorithm RSAES_OAEP_SHA_256 and key spec RSA_3072 cannot encrypt data larger than 318 bytes.',
    );
  });

  it('encrypts with SM2PKE under an SM2 key in the China Regions', async () => {
    const china = server.kms({ region: 'cn-north-1' });
    const sm2 = await createKey(china, 'SM2', 'ENCRYPT_DECRYPT');
    const out = await china.send(new EncryptCommand({ KeyId: sm2.KeyId, Plaintext: text('sm2 secret'), EncryptionAlgorithm: 'SM2PKE' }));
    expect(out).toMatchObject({ KeyId: sm2.Arn, EncryptionAlgorithm: 'SM2PKE' });
    const back = await china.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob, KeyId: sm2.KeyId, EncryptionAlgorithm: 'SM2PKE' }));
    expect(Buffer.from(back.Plaintext!).toString()).toBe('sm2 secret');
    expect((await awsError(() => china.send(new EncryptCommand({ KeyId: sm2.KeyId, Plaintext: Buffer.alloc(1025), EncryptionAlgorithm: 'SM2PKE' })))).message).toBe(
      'Algorithm SM2PKE and key spec SM2 cannot encrypt data larger than 1024 bytes.',
    );
  });

  it('refuses an encryption context with an asymmetric key (unverified text)', async () => {
    expect(
      await awsError(() => encrypt({ KeyId: rsa.KeyId, Plaintext: text('x'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256', EncryptionContext: { a: 'b' } })),
    ).toEqual({ name: 'ValidationException', message: 'EncryptionContext is not supported with asymmetric KMS keys.', status: 400 });
  });

  it('answers DryRun once every check passed', async () => {
    expect(await awsError(() => encrypt({ KeyId: symmetric.KeyId, Plaintext: text('x'), DryRun: true }))).toEqual({
      name: 'DryRunOperationException',
      message: 'The request would have succeeded, but the DryRun option is set.',
      status: 400,
    });
    expect((await awsError(() => encrypt({ KeyId: rsa.KeyId, Plaintext: text('x'), DryRun: true }))).name).toBe('InvalidKeyUsageException');
  });

  it('refuses a grant token CreateGrant did not issue (tokens CreateGrant issues: CreateGrant.test.ts)', async () => {
    expect(await awsError(() => encrypt({ KeyId: symmetric.KeyId, Plaintext: text('x'), GrantTokens: ['token'] }))).toEqual({
      name: 'InvalidGrantTokenException',
      message: 'The grant token is malformed or expired.',
      status: 400,
    });
  });
});
