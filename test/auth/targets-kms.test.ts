// What each KMS operation needs to be allowed (src/services/kms/authorization.ts), against AWS's
// Service Authorization Reference: actions, resources, key policies, grants, condition keys.
import { loadModel } from '../../src/protocol/model';
import { ACCOUNT, OTHER, REGION, roleSession, startServices, summary, user, type Services } from './targets-helpers';

interface KeyMeta {
  KeyMetadata: { KeyId: string; Arn: string };
}

let s: Services;
let key: KeyMeta['KeyMetadata'];
let other: KeyMeta['KeyMetadata'];
let sign: KeyMeta['KeyMetadata'];
let hmac: KeyMeta['KeyMetadata'];
let grantId: string;
const aliasArn = (name: string) => `arn:aws:kms:${REGION}:${ACCOUNT}:${name}`;

beforeAll(async () => {
  s = await startServices();
  key = (await s.call<KeyMeta>('kms', 'CreateKey', { Tags: [{ TagKey: 'Team', TagValue: 'blue' }] })).KeyMetadata;
  other = (await s.call<KeyMeta>('kms', 'CreateKey', {})).KeyMetadata;
  sign = (await s.call<KeyMeta>('kms', 'CreateKey', { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' })).KeyMetadata;
  hmac = (await s.call<KeyMeta>('kms', 'CreateKey', { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' })).KeyMetadata;
  await s.call('kms', 'CreateAlias', { AliasName: 'alias/app', TargetKeyId: key.KeyId });
  ({ GrantId: grantId } = await s.call<{ GrantId: string }>('kms', 'CreateGrant', { KeyId: key.KeyId, GranteePrincipal: `arn:aws:iam::${ACCOUNT}:user/u`, Operations: ['Decrypt'] }));
});
afterAll(() => s.close());

describe('the action and resource of every operation', () => {
  const k = () => key.Arn;
  // [operation, input, expected [action, resource] pairs]; resources are functions: keys exist only once beforeAll ran.
  const table: [string, () => Record<string, unknown>, () => string[][]][] = [
    ['CancelKeyDeletion', () => ({ KeyId: key.KeyId }), () => [['kms:CancelKeyDeletion', k()]]],
    ['ConnectCustomKeyStore', () => ({ CustomKeyStoreId: 'cks-1' }), () => [['kms:ConnectCustomKeyStore', '*']]],
    ['CreateAlias', () => ({ AliasName: 'alias/new', TargetKeyId: key.KeyId }), () => [['kms:CreateAlias', aliasArn('alias/new')], ['kms:CreateAlias', k()]]],
    ['CreateCustomKeyStore', () => ({ CustomKeyStoreName: 'x' }), () => [['kms:CreateCustomKeyStore', '*']]],
    ['CreateGrant', () => ({ KeyId: key.KeyId, GranteePrincipal: `arn:aws:iam::${ACCOUNT}:user/u`, Operations: ['Decrypt'] }), () => [['kms:CreateGrant', k()]]],
    ['CreateKey', () => ({}), () => [['kms:CreateKey', '*']]],
    ['Decapsulate', () => ({ KeyId: key.KeyId }), () => [['kms:Decapsulate', k()]]],
    ['Decrypt', () => ({ KeyId: 'alias/app', CiphertextBlob: Buffer.from('x') }), () => [['kms:Decrypt', k()]]],
    ['DeleteAlias', () => ({ AliasName: 'alias/app' }), () => [['kms:DeleteAlias', aliasArn('alias/app')], ['kms:DeleteAlias', k()]]],
    ['DeleteCustomKeyStore', () => ({ CustomKeyStoreId: 'cks-1' }), () => [['kms:DeleteCustomKeyStore', '*']]],
    ['DeleteImportedKeyMaterial', () => ({ KeyId: key.KeyId }), () => [['kms:DeleteImportedKeyMaterial', k()]]],
    ['DeriveSharedSecret', () => ({ KeyId: key.KeyId }), () => [['kms:DeriveSharedSecret', k()]]],
    ['DescribeCustomKeyStores', () => ({}), () => [['kms:DescribeCustomKeyStores', '*']]],
    ['DescribeKey', () => ({ KeyId: key.KeyId }), () => [['kms:DescribeKey', k()]]],
    ['DisableKey', () => ({ KeyId: key.KeyId }), () => [['kms:DisableKey', k()]]],
    ['DisableKeyRotation', () => ({ KeyId: key.KeyId }), () => [['kms:DisableKeyRotation', k()]]],
    ['DisconnectCustomKeyStore', () => ({ CustomKeyStoreId: 'cks-1' }), () => [['kms:DisconnectCustomKeyStore', '*']]],
    ['EnableKey', () => ({ KeyId: key.KeyId }), () => [['kms:EnableKey', k()]]],
    ['EnableKeyRotation', () => ({ KeyId: key.KeyId }), () => [['kms:EnableKeyRotation', k()]]],
    ['Encapsulate', () => ({ KeyId: key.KeyId }), () => [['kms:Encapsulate', k()]]],
    ['Encrypt', () => ({ KeyId: key.KeyId }), () => [['kms:Encrypt', k()]]],
    ['GenerateDataKey', () => ({ KeyId: key.KeyId }), () => [['kms:GenerateDataKey', k()]]],
    ['GenerateDataKeyPair', () => ({ KeyId: key.KeyId, KeyPairSpec: 'RSA_2048' }), () => [['kms:GenerateDataKeyPair', k()]]],
    ['GenerateDataKeyPairWithoutPlaintext', () => ({ KeyId: key.KeyId, KeyPairSpec: 'RSA_2048' }), () => [['kms:GenerateDataKeyPairWithoutPlaintext', k()]]],
    ['GenerateDataKeyWithoutPlaintext', () => ({ KeyId: key.KeyId }), () => [['kms:GenerateDataKeyWithoutPlaintext', k()]]],
    ['GenerateMac', () => ({ KeyId: hmac.KeyId, MacAlgorithm: 'HMAC_SHA_256' }), () => [['kms:GenerateMac', hmac.Arn]]],
    ['GenerateRandom', () => ({}), () => [['kms:GenerateRandom', '*']]],
    ['GetKeyLastUsage', () => ({ KeyId: key.KeyId }), () => [['kms:GetKeyLastUsage', k()]]],
    ['GetKeyPolicy', () => ({ KeyId: key.KeyId }), () => [['kms:GetKeyPolicy', k()]]],
    ['GetKeyRotationStatus', () => ({ KeyId: key.KeyId }), () => [['kms:GetKeyRotationStatus', k()]]],
    ['GetParametersForImport', () => ({ KeyId: key.KeyId }), () => [['kms:GetParametersForImport', k()]]],
    ['GetPublicKey', () => ({ KeyId: sign.KeyId }), () => [['kms:GetPublicKey', sign.Arn]]],
    ['ImportKeyMaterial', () => ({ KeyId: key.KeyId }), () => [['kms:ImportKeyMaterial', k()]]],
    ['ListAliases', () => ({ KeyId: key.KeyId }), () => [['kms:ListAliases', '*']]],
    ['ListGrants', () => ({ KeyId: key.KeyId }), () => [['kms:ListGrants', k()]]],
    ['ListKeyPolicies', () => ({ KeyId: key.KeyId }), () => [['kms:ListKeyPolicies', k()]]],
    ['ListKeyRotations', () => ({ KeyId: key.KeyId }), () => [['kms:ListKeyRotations', k()]]],
    ['ListKeys', () => ({}), () => [['kms:ListKeys', '*']]],
    ['ListResourceTags', () => ({ KeyId: key.KeyId }), () => [['kms:ListResourceTags', k()]]],
    ['ListRetirableGrants', () => ({ RetiringPrincipal: 'x' }), () => [['kms:ListRetirableGrants', '*']]],
    ['PutKeyPolicy', () => ({ KeyId: key.KeyId }), () => [['kms:PutKeyPolicy', k()]]],
    ['ReEncrypt', () => ({ SourceKeyId: key.KeyId, CiphertextBlob: Buffer.from('x'), DestinationKeyId: other.KeyId }), () => [['kms:ReEncryptFrom', k()], ['kms:ReEncryptTo', other.Arn]]],
    ['ReplicateKey', () => ({ KeyId: key.KeyId, ReplicaRegion: 'eu-west-1' }), () => [['kms:ReplicateKey', k()], ['kms:CreateKey', '*']]],
    ['RetireGrant', () => ({ KeyId: key.Arn, GrantId: grantId }), () => [['kms:RetireGrant', k()]]],
    ['RevokeGrant', () => ({ KeyId: key.KeyId, GrantId: 'g' }), () => [['kms:RevokeGrant', k()]]],
    ['RotateKeyOnDemand', () => ({ KeyId: key.KeyId }), () => [['kms:RotateKeyOnDemand', k()]]],
    ['ScheduleKeyDeletion', () => ({ KeyId: key.KeyId }), () => [['kms:ScheduleKeyDeletion', k()]]],
    ['Sign', () => ({ KeyId: sign.KeyId, SigningAlgorithm: 'ECDSA_SHA_256' }), () => [['kms:Sign', sign.Arn]]],
    ['TagResource', () => ({ KeyId: key.KeyId, Tags: [] }), () => [['kms:TagResource', k()]]],
    ['UntagResource', () => ({ KeyId: key.KeyId, TagKeys: [] }), () => [['kms:UntagResource', k()]]],
    ['UpdateAlias', () => ({ AliasName: 'alias/app', TargetKeyId: other.KeyId }), () => [['kms:UpdateAlias', aliasArn('alias/app')], ['kms:UpdateAlias', k()], ['kms:UpdateAlias', other.Arn]]],
    ['UpdateCustomKeyStore', () => ({ CustomKeyStoreId: 'cks-1' }), () => [['kms:UpdateCustomKeyStore', '*']]],
    ['UpdateKeyDescription', () => ({ KeyId: key.KeyId, Description: 'd' }), () => [['kms:UpdateKeyDescription', k()]]],
    ['UpdatePrimaryRegion', () => ({ KeyId: key.KeyId, PrimaryRegion: 'eu-west-1' }), () => [['kms:UpdatePrimaryRegion', k()]]],
    ['Verify', () => ({ KeyId: sign.KeyId, SigningAlgorithm: 'ECDSA_SHA_256' }), () => [['kms:Verify', sign.Arn]]],
    ['VerifyMac', () => ({ KeyId: hmac.KeyId, MacAlgorithm: 'HMAC_SHA_256' }), () => [['kms:VerifyMac', hmac.Arn]]],
  ];

  test('the table covers every operation of the model', () => {
    expect(table.map(([op]) => op).sort()).toEqual(Object.keys(loadModel('kms').operations).sort());
  });

  test.each(table)('%s', async (operation, input, expected) => {
    const targets = await s.targets('kms', operation, input());
    expect(summary(targets)).toEqual(expected());
    for (const t of targets) {
      expect(t.resourceAccount).toBe(ACCOUNT);
      // Keys carry their key policy (authoritative); aliases and `*` have none.
      expect(t.resourcePolicyKind).toBe(t.resource.includes(':key/') ? 'key' : undefined);
      expect(t.resourcePolicy === undefined).toBe(!t.resource.includes(':key/'));
    }
  });
});

describe('resolving keys as the handlers do', () => {
  test.each([['alias name', () => 'alias/app'], ['alias ARN', () => aliasArn('alias/app')], ['key ARN', () => key.Arn]])('a crypto operation finds the key by %s', async (_, id) => {
    const [t] = await s.targets('kms', 'Encrypt', { KeyId: id() });
    expect(t.resource).toBe(key.Arn);
  });

  test('kms:RequestAlias is the alias the request used; kms:ResourceAliases every alias of the key', async () => {
    const [byAlias] = await s.targets('kms', 'Encrypt', { KeyId: aliasArn('alias/app') });
    expect(byAlias.conditions['kms:requestalias']).toEqual(['alias/app']);
    // Every alias of the key: a scan, deferred until a policy in play names the key.
    expect(byAlias.conditions['kms:resourcealiases']).toBeUndefined();
    expect(await byAlias.deferred!.conditions!['kms:resourcealiases']()).toEqual(['alias/app']);
    const [byId] = await s.targets('kms', 'Encrypt', { KeyId: key.KeyId });
    expect(byId.conditions['kms:requestalias']).toBeUndefined();
  });

  test('a key that does not exist, or an alias where the operation takes none, gives no target (NotFoundException first)', async () => {
    expect(await s.targets('kms', 'Encrypt', { KeyId: '11111111-2222-3333-4444-555555555555' })).toEqual([]);
    expect(await s.targets('kms', 'Encrypt', { KeyId: 'alias/missing' })).toEqual([]);
    expect(await s.targets('kms', 'EnableKey', { KeyId: 'alias/app' })).toEqual([]);
    expect(await s.targets('kms', 'UpdateAlias', { AliasName: 'alias/missing', TargetKeyId: key.KeyId })).toEqual([]);
  });

  test("another account's key is reached by ARN for cryptographic operations, not by id, and never for key management", async () => {
    const foreign = (await s.call<KeyMeta>('kms', 'CreateKey', {}, OTHER)).KeyMetadata;
    const [t] = await s.targets('kms', 'Decrypt', { KeyId: foreign.Arn, CiphertextBlob: Buffer.from('x') });
    expect([t.action, t.resource, t.resourceAccount]).toEqual(['kms:Decrypt', foreign.Arn, OTHER]);
    expect(await s.targets('kms', 'Encrypt', { KeyId: foreign.KeyId })).toEqual([]);
    expect(await s.targets('kms', 'DisableKey', { KeyId: foreign.Arn })).toEqual([]);
  });

  test('Decrypt without a KeyId finds the key the ciphertext names; bytes that are not a ciphertext give no target', async () => {
    const { CiphertextBlob } = await s.call<{ CiphertextBlob: Buffer }>('kms', 'Encrypt', { KeyId: other.KeyId, Plaintext: Buffer.from('p') });
    expect(summary(await s.targets('kms', 'Decrypt', { CiphertextBlob }))).toEqual([['kms:Decrypt', other.Arn]]);
    expect(await s.targets('kms', 'Decrypt', { CiphertextBlob: Buffer.from('not a ciphertext') })).toEqual([]);
  });

  test('ReEncrypt: ReEncryptFrom on the key of the ciphertext, ReEncryptTo on the destination, with each side\'s context and kms:ReEncryptOnSameKey', async () => {
    const { CiphertextBlob } = await s.call<{ CiphertextBlob: Buffer }>('kms', 'Encrypt', { KeyId: other.KeyId, Plaintext: Buffer.from('p'), EncryptionContext: { Purpose: 'a' } });
    const targets = await s.targets('kms', 'ReEncrypt', { CiphertextBlob, SourceEncryptionContext: { Purpose: 'a' }, DestinationKeyId: 'alias/app', DestinationEncryptionContext: { Stage: 'b' } });
    expect(summary(targets)).toEqual([['kms:ReEncryptFrom', other.Arn], ['kms:ReEncryptTo', key.Arn]]);
    expect(targets[0].conditions).toMatchObject({ 'kms:encryptioncontext:purpose': ['a'], 'kms:reencryptonsamekey': ['false'] });
    expect(targets[0].conditions['kms:requestalias']).toBeUndefined();
    expect(targets[1].conditions).toMatchObject({ 'kms:encryptioncontext:stage': ['b'], 'kms:encryptioncontextkeys': ['Stage'], 'kms:requestalias': ['alias/app'] });
  });
});

describe('condition keys', () => {
  test('the key resource: spec, usage, origin, multi-Region, tags (key part lower-cased, value as is)', async () => {
    const [t] = await s.targets('kms', 'DescribeKey', { KeyId: key.KeyId });
    expect(t.conditions).toMatchObject({
      'kms:keyspec': ['SYMMETRIC_DEFAULT'],
      'kms:keyusage': ['ENCRYPT_DECRYPT'],
      'kms:keyorigin': ['AWS_KMS'],
      'kms:multiregion': ['false'],
      'aws:resourcetag/team': ['blue'],
    });
  });

  test('the encryption context: one key per pair (lower-cased key part) and kms:EncryptionContextKeys with every key', async () => {
    const [t] = await s.targets('kms', 'GenerateDataKey', { KeyId: key.KeyId, EncryptionContext: { Department: 'Finance', app: 'x' } });
    expect(t.conditions).toMatchObject({
      'kms:encryptioncontext:department': ['Finance'],
      'kms:encryptioncontext:app': ['x'],
      'kms:encryptioncontextkeys': ['Department', 'app'],
      'kms:encryptionalgorithm': ['SYMMETRIC_DEFAULT'],
    });
  });

  test('algorithms and message types', async () => {
    const [signing] = await s.targets('kms', 'Sign', { KeyId: sign.KeyId, SigningAlgorithm: 'ECDSA_SHA_256', MessageType: 'DIGEST' });
    expect(signing.conditions).toMatchObject({ 'kms:signingalgorithm': ['ECDSA_SHA_256'], 'kms:messagetype': ['DIGEST'] });
    const [mac] = await s.targets('kms', 'VerifyMac', { KeyId: hmac.KeyId, MacAlgorithm: 'HMAC_SHA_256' });
    expect(mac.conditions['kms:macalgorithm']).toEqual(['HMAC_SHA_256']);
  });

  test('CreateKey: the request\'s key properties and tags; kms:TagResource on * with Tags', async () => {
    const targets = await s.targets('kms', 'CreateKey', { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY', MultiRegion: true, Tags: [{ TagKey: 'Env', TagValue: 'prod' }] });
    expect(summary(targets)).toEqual([['kms:CreateKey', '*'], ['kms:TagResource', '*']]);
    expect(targets[0].conditions).toMatchObject({
      'kms:keyspec': ['RSA_2048'],
      'kms:keyusage': ['SIGN_VERIFY'],
      'kms:multiregion': ['true'],
      'kms:multiregionkeytype': ['PRIMARY'],
      'aws:requesttag/env': ['prod'],
      'aws:tagkeys': ['Env'],
    });
  });

  test('CreateGrant: the grant it asks for', async () => {
    const [t] = await s.targets('kms', 'CreateGrant', {
      KeyId: key.KeyId,
      GranteePrincipal: `arn:aws:iam::${ACCOUNT}:role/r`,
      Operations: ['Encrypt', 'Decrypt'],
      Constraints: { EncryptionContextSubset: { Tenant: 't1' } },
    });
    expect(t.conditions).toMatchObject({
      'kms:grantoperations': ['Encrypt', 'Decrypt'],
      'kms:granteeprincipal': [`arn:aws:iam::${ACCOUNT}:role/r`],
      'kms:grantconstrainttype': ['EncryptionContextSubset'],
      'kms:encryptioncontext:tenant': ['t1'],
      'kms:grantisforawsresource': ['false'],
    });
  });
});

describe('grants', () => {
  let grantKey: KeyMeta['KeyMetadata'];
  beforeAll(async () => {
    grantKey = (await s.call<KeyMeta>('kms', 'CreateKey', {})).KeyMetadata;
    await s.call('kms', 'CreateGrant', { KeyId: grantKey.KeyId, GranteePrincipal: `arn:aws:iam::${ACCOUNT}:user/alice`, Operations: ['Decrypt', 'RetireGrant'] });
    await s.call('kms', 'CreateGrant', {
      KeyId: grantKey.KeyId,
      GranteePrincipal: `arn:aws:iam::${ACCOUNT}:role/app`,
      RetiringPrincipal: `arn:aws:iam::${ACCOUNT}:user/carol`,
      Operations: ['Encrypt'],
      Constraints: { EncryptionContextEquals: { Tenant: 't1' } },
    });
  });
  // Grants are read only when the policies alone do not allow: the target defers them.
  const allows = async (operation: string, input: Record<string, unknown>, principal = user('alice')) =>
    (await s.targets('kms', operation, { KeyId: grantKey.KeyId, ...input }, principal))[0].deferred?.grantAllows?.();

  test('a grant allows its grantee the operations it lists, not others, and no one else', async () => {
    expect(await allows('Decrypt', { CiphertextBlob: Buffer.from('x') })).toBe(true);
    expect(await allows('Encrypt', {})).toBe(false);
    expect(await allows('Decrypt', { CiphertextBlob: Buffer.from('x') }, user('bob'))).toBe(false);
  });

  test('a role grantee covers its sessions; the encryption-context constraint must hold', async () => {
    const session = roleSession('app', 's1');
    expect(await allows('Encrypt', { EncryptionContext: { Tenant: 't1' } }, session)).toBe(true);
    expect(await allows('Encrypt', { EncryptionContext: { Tenant: 't2' } }, session)).toBe(false);
    expect(await allows('Encrypt', { EncryptionContext: { Tenant: 't1', More: 'x' } }, session)).toBe(false);
    expect(await allows('Encrypt', {}, session)).toBe(false);
  });

  test('operations grants cannot allow have no grant answer', async () => {
    expect(await allows('DisableKey', {})).toBeUndefined();
  });

  test('RetireGrant: the retiring principal, and the grantee of a grant that includes RetireGrant, need no policy', async () => {
    const { Grants } = await s.call<{ Grants: { GrantId: string; Operations: string[] }[] }>('kms', 'ListGrants', { KeyId: grantKey.KeyId });
    const aliceGrant = Grants.find((g) => g.Operations.includes('Decrypt'))!.GrantId;
    const appGrant = Grants.find((g) => g.Operations.includes('Encrypt'))!.GrantId;
    const retire = async (grantId: string, who = user('alice')) => (await s.targets('kms', 'RetireGrant', { KeyId: grantKey.Arn, GrantId: grantId }, who))[0];
    expect((await retire(aliceGrant)).grantAllows).toBe(true);
    expect((await retire(appGrant, user('carol'))).grantAllows).toBe(true);
    const byOther = await retire(appGrant, roleSession('app', 's1'));
    expect([byOther.action, byOther.grantAllows]).toEqual(['kms:RetireGrant', false]);
    expect(await s.targets('kms', 'RetireGrant', { KeyId: grantKey.Arn, GrantId: 'f'.repeat(64) })).toEqual([]);
  });
});
