import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { type DataKeyPairSpec, DecryptCommand, GenerateDataKeyPairCommand, type GenerateDataKeyPairCommandInput, type KeyMetadata } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { createKey, itChecksKeyStateAndDryRun, NO_MESSAGE } from './support';

const server = useServer();
let key: KeyMetadata;
beforeAll(async () => {
  key = await createKey(server.kms());
});

const generate = (input: GenerateDataKeyPairCommandInput, region?: string) => server.kms({ region }).send(new GenerateDataKeyPairCommand(input));

describe('GenerateDataKeyPair', () => {
  it.each<[DataKeyPairSpec, string, Record<string, unknown>]>([
    ['RSA_2048', 'rsa', { modulusLength: 2048 }],
    ['ECC_NIST_P256', 'ec', { namedCurve: 'prime256v1' }],
    ['ECC_NIST_P384', 'ec', { namedCurve: 'secp384r1' }],
    ['ECC_NIST_P521', 'ec', { namedCurve: 'secp521r1' }],
    ['ECC_SECG_P256K1', 'ec', { namedCurve: 'secp256k1' }],
    ['ECC_NIST_EDWARDS25519', 'ed25519', {}],
  ])('returns a %s pair that node:crypto loads and that signs and verifies', async (KeyPairSpec, type, details) => {
    const out = await generate({ KeyId: key.KeyId, KeyPairSpec });
    expect(out).toMatchObject({ KeyId: key.Arn, KeyPairSpec, KeyMaterialId: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const privateKey = createPrivateKey({ key: Buffer.from(out.PrivateKeyPlaintext!), format: 'der', type: 'pkcs8' });
    const publicKey = createPublicKey({ key: Buffer.from(out.PublicKey!), format: 'der', type: 'spki' });
    expect(privateKey.asymmetricKeyType).toBe(type);
    expect(privateKey.asymmetricKeyDetails).toMatchObject(details);
    expect(createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).equals(Buffer.from(out.PublicKey!))).toBe(true);
    const hash = type === 'ed25519' ? null : 'sha256';
    expect(verify(hash, Buffer.from('m'), publicKey, sign(hash, Buffer.from('m'), privateKey))).toBe(true);
  });

  it('encrypts the private key under the KMS key, bound to the context', async () => {
    const out = await generate({ KeyId: key.KeyId, KeyPairSpec: 'ECC_NIST_P256', EncryptionContext: { pair: 'yes' } });
    const back = await server.kms().send(new DecryptCommand({ CiphertextBlob: out.PrivateKeyCiphertextBlob, EncryptionContext: { pair: 'yes' } }));
    expect(Buffer.from(back.Plaintext!).equals(Buffer.from(out.PrivateKeyPlaintext!))).toBe(true);
    expect(await awsError(() => server.kms().send(new DecryptCommand({ CiphertextBlob: out.PrivateKeyCiphertextBlob })))).toEqual({
      name: 'InvalidCiphertextException',
      message: NO_MESSAGE,
      status: 400,
    });
  });

  it('returns an ML-KEM pair: PKCS#8 seed form and SPKI', async () => {
    const out = await generate({ KeyId: key.KeyId, KeyPairSpec: 'ML_KEM_512' });
    expect(out.PublicKey!.length).toBe(800 + 22);
    // PrivateKeyInfo { 0, { OID }, OCTET STRING { [0] 64-byte seed } }
    expect(out.PrivateKeyPlaintext!.length).toBe(86);
  });

  it('offers SM2 in the China Regions only (unverified text)', async () => {
    expect(await awsError(() => generate({ KeyId: key.KeyId, KeyPairSpec: 'SM2' }))).toEqual({
      name: 'UnsupportedOperationException',
      message: 'KeyPairSpec SM2 is not supported in this region.',
      status: 400,
    });
    const china = await createKey(server.kms({ region: 'cn-north-1' }));
    const out = await generate({ KeyId: china.KeyId, KeyPairSpec: 'SM2' }, 'cn-north-1');
    expect(out.KeyId).toBe(`arn:aws-cn:kms:cn-north-1:000000000000:key/${china.KeyId}`);
    expect(out.PrivateKeyPlaintext!.length).toBeGreaterThan(100);
  });

  it('needs a symmetric encryption key', async () => {
    const rsa = await createKey(server.kms(), 'RSA_2048', 'ENCRYPT_DECRYPT');
    expect(await awsError(() => generate({ KeyId: rsa.KeyId, KeyPairSpec: 'ECC_NIST_P256' }))).toEqual({
      name: 'InvalidKeyUsageException',
      message: 'Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.',
      status: 400,
    });
  });

  it('checks KeyPairSpec against the model', async () => {
    expect((await awsError(() => generate({ KeyId: key.KeyId, KeyPairSpec: 'RSA_1024' as DataKeyPairSpec }))).message).toBe(
      "1 validation error detected: Value 'RSA_1024' at 'keyPairSpec' failed to satisfy constraint: Member must satisfy enum value set: [RSA_2048, RSA_3072, RSA_4096, ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521, ECC_SECG_P256K1, SM2, ECC_NIST_EDWARDS25519, ML_KEM_512, ML_KEM_768, ML_KEM_1024]",
    );
  });

  itChecksKeyStateAndDryRun(
    () => server.kms(),
    () => key,
    (KeyId, DryRun) => generate({ KeyId, KeyPairSpec: 'ECC_NIST_P256', DryRun }),
  );
});
