import { CreateKeyCommand, DescribeKeyCommand, type KeySpec, type KeyUsageType } from '@aws-sdk/client-kms';
import { ACCOUNT, awsError, REGION, useServer } from '../../helpers/server';

const server = useServer();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('CreateKey', () => {
  it('creates a symmetric key with AWS defaults', async () => {
    const before = Date.now();
    const { KeyMetadata: m } = await server.kms().send(new CreateKeyCommand({ Description: 'test key 123' }));
    expect(m!.KeyId).toMatch(UUID);
    expect(m).toEqual({
      AWSAccountId: ACCOUNT,
      KeyId: m!.KeyId,
      Arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${m!.KeyId}`,
      CreationDate: expect.any(Date),
      CurrentKeyMaterialId: expect.stringMatching(/^[0-9a-f]{64}$/),
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      Description: 'test key 123',
      Enabled: true,
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      KeyManager: 'CUSTOMER',
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyState: 'Enabled',
      KeyUsage: 'ENCRYPT_DECRYPT',
      MultiRegion: false,
      Origin: 'AWS_KMS',
    });
    expect(m!.CreationDate!.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
  });

  it.each<[KeySpec, KeyUsageType, Record<string, unknown>]>([
    ['RSA_2048', 'ENCRYPT_DECRYPT', { EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] }],
    ['ECC_NIST_P256', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_256'] }],
    ['ECC_NIST_P384', 'KEY_AGREEMENT', { KeyAgreementAlgorithms: ['ECDH'] }],
    ['HMAC_256', 'GENERATE_VERIFY_MAC', { MacAlgorithms: ['HMAC_SHA_256'] }],
    ['ECC_NIST_EDWARDS25519', 'SIGN_VERIFY', { SigningAlgorithms: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'] }],
    ['ML_DSA_65', 'SIGN_VERIFY', { SigningAlgorithms: ['ML_DSA_SHAKE_256'] }],
  ])('creates %s for %s with its algorithm list and no material id', async (KeySpec, KeyUsage, algorithms) => {
    const { KeyMetadata: m } = await server.kms().send(new CreateKeyCommand({ KeySpec, KeyUsage }));
    expect(m).toMatchObject({ KeySpec, CustomerMasterKeySpec: KeySpec, KeyUsage, ...algorithms });
    expect(m!.CurrentKeyMaterialId).toBeUndefined();
  });

  it('creates multi-Region keys with an mrk- id and their configuration', async () => {
    const { KeyMetadata: m } = await server.kms().send(new CreateKeyCommand({ MultiRegion: true }));
    expect(m!.KeyId).toMatch(/^mrk-[0-9a-f]{32}$/);
    expect(m!.MultiRegionConfiguration).toEqual({ MultiRegionKeyType: 'PRIMARY', PrimaryKey: { Arn: m!.Arn, Region: REGION }, ReplicaKeys: [] });
  });

  it('creates EXTERNAL keys pending import, without material', async () => {
    const { KeyMetadata: m } = await server.kms().send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));
    expect(m).toMatchObject({ KeyState: 'PendingImport', Enabled: false, Origin: 'EXTERNAL' });
    expect(m!.CurrentKeyMaterialId).toBeUndefined();
  });

  it('requires a KeyUsage for keys other than symmetric encryption keys', async () => {
    expect(await awsError(() => server.kms().send(new CreateKeyCommand({ KeySpec: 'HMAC_256' })))).toEqual({
      name: 'ValidationException',
      message: 'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
      status: 400,
    });
  });

  it('rejects a usage the key spec does not support', async () => {
    expect(await awsError(() => server.kms().send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'KEY_AGREEMENT' })))).toEqual({
      name: 'ValidationException',
      message: 'KeyUsage KEY_AGREEMENT is not compatible with KeySpec RSA_2048',
      status: 400,
    });
  });

  it('rejects bad enum values with the Coral message', async () => {
    const err = await awsError(() => server.kms().send(new CreateKeyCommand({ KeySpec: 'HMAC_random' as KeySpec, KeyUsage: 'GENERATE_VERIFY_MAC' })));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toMatch(/^1 validation error detected: Value 'HMAC_random' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: \[.*SYMMETRIC_DEFAULT.*\]$/);
  });

  it.each([
    [[{ TagKey: 'aws:foo', TagValue: 'v' }], 'Tags beginning with aws: are reserved'],
    [[{ TagKey: 'AWS:foo', TagValue: 'v' }], 'Tags beginning with aws: are reserved'],
    [[{ TagKey: 'a', TagValue: '1' }, { TagKey: 'a', TagValue: '2' }], 'Duplicate tag keys'],
    [Array.from({ length: 51 }, (_, i) => ({ TagKey: `k${i}`, TagValue: 'v' })), 'Too many tags'],
  ])('rejects invalid tags with TagException', async (Tags, message) => {
    expect(await awsError(() => server.kms().send(new CreateKeyCommand({ Tags })))).toEqual({ name: 'TagException', message, status: 400 });
  });

  it('stores the key: DescribeKey returns the same metadata', async () => {
    const { KeyMetadata: created } = await server.kms().send(new CreateKeyCommand({ Description: 'persisted' }));
    const { KeyMetadata: described } = await server.kms().send(new DescribeKeyCommand({ KeyId: created!.KeyId }));
    expect(described).toEqual(created);
  });
});
