import { createPublicKey } from 'node:crypto';
import { CreateAliasCommand, GetPublicKeyCommand, type KeySpec, type KeyUsageType } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { createKey, unusableKeys } from './support';

const server = useServer();

const getPublicKey = (KeyId: string) => server.kms().send(new GetPublicKeyCommand({ KeyId }));

describe('GetPublicKey', () => {
  it.each<[KeySpec, KeyUsageType, Record<string, unknown>, { type: string; curve?: string; bits?: number }]>([
    ['RSA_2048', 'ENCRYPT_DECRYPT', { EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] }, { type: 'rsa', bits: 2048 }],
    [
      'RSA_2048',
      'SIGN_VERIFY',
      {
        SigningAlgorithms: [
          'RSASSA_PSS_SHA_256',
          'RSASSA_PSS_SHA_384',
          'RSASSA_PSS_SHA_512',
          'RSASSA_PKCS1_V1_5_SHA_256',
          'RSASSA_PKCS1_V1_5_SHA_384',
          'RSASSA_PKCS1_V1_5_SHA_512',
        ],
      },
      { type: 'rsa', bits: 2048 },
    ],
    ['ECC_NIST_P256', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_256'] }, { type: 'ec', curve: 'prime256v1' }],
    ['ECC_NIST_P384', 'KEY_AGREEMENT', { KeyAgreementAlgorithms: ['ECDH'] }, { type: 'ec', curve: 'secp384r1' }],
    ['ECC_NIST_P521', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_512'] }, { type: 'ec', curve: 'secp521r1' }],
    ['ECC_SECG_P256K1', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_256'] }, { type: 'ec', curve: 'secp256k1' }],
    ['ECC_NIST_EDWARDS25519', 'SIGN_VERIFY', { SigningAlgorithms: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'] }, { type: 'ed25519' }],
  ])('returns the DER SPKI of a %s %s key with its algorithms', async (spec, usage, algorithms, expected) => {
    const key = await createKey(server.kms(), spec, usage);
    const out = await getPublicKey(key.KeyId!);
    const { $metadata, PublicKey, ...rest } = out;
    expect(rest).toEqual({ KeyId: key.Arn, CustomerMasterKeySpec: spec, KeySpec: spec, KeyUsage: usage, ...algorithms });
    const parsed = createPublicKey({ key: Buffer.from(PublicKey!), format: 'der', type: 'spki' });
    expect(parsed.asymmetricKeyType).toBe(expected.type);
    if (expected.curve) expect(parsed.asymmetricKeyDetails!.namedCurve).toBe(expected.curve);
    if (expected.bits) expect(parsed.asymmetricKeyDetails!.modulusLength).toBe(expected.bits);
  });

  // SEQUENCE { SEQUENCE { OID }, BIT STRING { 0x00, raw key } }: 22 bytes around the key.
  it.each<[KeySpec, number]>([
    ['ML_DSA_44', 1312 + 22],
    ['ML_KEM_768', 1184 + 22],
  ])('returns the SPKI of a %s key (%i bytes)', async (spec, length) => {
    const usage = spec.startsWith('ML_KEM') ? 'ENCAPSULATE_DECAPSULATE' : 'SIGN_VERIFY';
    const key = await createKey(server.kms(), spec, usage);
    const out = await getPublicKey(key.Arn!);
    expect(out.KeyUsage).toBe(usage);
    expect(out.PublicKey!.length).toBe(length);
  });

  it('works through an alias', async () => {
    const key = await createKey(server.kms(), 'ECC_NIST_P256', 'SIGN_VERIFY');
    await server.kms().send(new CreateAliasCommand({ AliasName: 'alias/public', TargetKeyId: key.KeyId }));
    expect((await getPublicKey('alias/public')).KeyId).toBe(key.Arn);
  });

  it.each<[KeySpec, KeyUsageType | undefined]>([
    ['SYMMETRIC_DEFAULT', undefined],
    ['HMAC_256', 'GENERATE_VERIFY_MAC'],
  ])('has no public key for a %s key (unverified text)', async (spec, usage) => {
    const key = await createKey(server.kms(), spec, usage);
    expect(await awsError(() => getPublicKey(key.KeyId!))).toEqual({
      name: 'UnsupportedOperationException',
      message: `${key.Arn} key spec ${spec} is not supported for this operation.`,
      status: 400,
    });
  });

  it('refuses keys that are not Enabled', async () => {
    for (const { key, error } of await unusableKeys(server.kms(), 'ECC_NIST_P256', 'SIGN_VERIFY')) {
      expect(await awsError(() => getPublicKey(key.KeyId!))).toEqual(error);
    }
  });
});
