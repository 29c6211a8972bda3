// The state export: export, start empty with the export as the seed, export again gives the
// same text; what the re-seeded server holds is what the first one held.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GetKeyRotationStatusCommand,
  GetPublicKeyCommand,
  PutKeyPolicyCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  PutResourcePolicyCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { parse } from 'yaml';
import { startServer, type TestServer } from '../helpers/server';

const OTHER_ACCOUNT = '111122223333';
const POLICY = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'kms:*', Resource: '*' }],
};
const SECRET_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }],
};
const V = (n: number) => `${String(n).repeat(8)}-0000-4000-8000-000000000000`;

let dir: string;
let source: TestServer;
const servers: TestServer[] = [];
let symmetricKeyId: string;
let signingKeyId: string;
const ciphertexts: Uint8Array[] = [];

async function seededFrom(text: string, name = 'export.yaml'): Promise<TestServer> {
  const file = join(dir, `${servers.length}-${name}`);
  writeFileSync(file, text);
  const server = await startServer({ seeds: [file] });
  servers.push(server);
  return server;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'strongroom-export-'));
  source = await startServer();
  const kms = source.kms();
  const sm = source.sm();
  // A symmetric key with an alias, tags, a policy, rotation, a ciphertext before and after a rotation.
  const symmetric = await kms.send(new CreateKeyCommand({ Description: 'orders', Tags: [{ TagKey: 'team', TagValue: 'payments' }, { TagKey: 'env', TagValue: 'dev' }] }));
  symmetricKeyId = symmetric.KeyMetadata!.KeyId!;
  await kms.send(new PutKeyPolicyCommand({ KeyId: symmetricKeyId, PolicyName: 'default', Policy: JSON.stringify(POLICY, null, 2) }));
  await kms.send(new CreateAliasCommand({ AliasName: 'alias/orders', TargetKeyId: symmetricKeyId }));
  await kms.send(new EnableKeyRotationCommand({ KeyId: symmetricKeyId, RotationPeriodInDays: 180 }));
  ciphertexts.push((await kms.send(new EncryptCommand({ KeyId: symmetricKeyId, Plaintext: Buffer.from('before') }))).CiphertextBlob!);
  await kms.send(new RotateKeyOnDemandCommand({ KeyId: symmetricKeyId }));
  ciphertexts.push((await kms.send(new EncryptCommand({ KeyId: 'alias/orders', Plaintext: Buffer.from('after') }))).CiphertextBlob!);
  // Other specs, a disabled key, a key pending deletion (left out), a key of another account and region.
  signingKeyId = (await kms.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }))).KeyMetadata!.KeyId!;
  await kms.send(new CreateAliasCommand({ AliasName: 'alias/signing', TargetKeyId: signingKeyId }));
  await kms.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }));
  const disabled = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  await kms.send(new DisableKeyCommand({ KeyId: disabled }));
  const doomed = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  await kms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed, PendingWindowInDays: 7 }));
  await source.kms({ accessKeyId: OTHER_ACCOUNT, region: 'eu-west-1' }).send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }));

  // Secrets: versions with labels (AWSPREVIOUS where a replay would not put it), binary, tags,
  // a policy, a custom key; one scheduled for deletion (left out), one in another region.
  await sm.send(new CreateSecretCommand({ Name: 'app/db', Description: 'login', KmsKeyId: 'alias/orders', SecretString: 'v0', ClientRequestToken: V(1), Tags: [{ Key: 'b', Value: '2' }, { Key: 'a', Value: '1' }] }));
  await sm.send(new PutSecretValueCommand({ SecretId: 'app/db', SecretString: 'multi\nline\n', ClientRequestToken: V(2), VersionStages: ['STAGED'] }));
  await sm.send(new PutSecretValueCommand({ SecretId: 'app/db', SecretString: '{"user":"app","password":"p"}', ClientRequestToken: V(3) }));
  await sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'app/db', VersionStage: 'AWSPREVIOUS', MoveToVersionId: V(2), RemoveFromVersionId: V(1) }));
  await sm.send(new PutResourcePolicyCommand({ SecretId: 'app/db', ResourcePolicy: JSON.stringify(SECRET_POLICY) }));
  await sm.send(new CreateSecretCommand({ Name: 'bin', SecretBinary: Buffer.from([0, 1, 2, 255]) }));
  await sm.send(new CreateSecretCommand({ Name: 'empty' }));
  await sm.send(new CreateSecretCommand({ Name: 'numeric', SecretString: '12345' }));
  await sm.send(new CreateSecretCommand({ Name: 'gone', SecretString: 'x' }));
  await sm.send(new DeleteSecretCommand({ SecretId: 'gone', RecoveryWindowInDays: 7 }));
  await source.sm({ region: 'eu-west-1' }).send(new CreateSecretCommand({ Name: 'app/db', SecretString: 'ireland' }));
});

afterAll(async () => {
  for (const server of [source, ...servers]) await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('export with key material', () => {
  let text: string;
  let copy: TestServer;
  beforeAll(async () => {
    text = (await source.strongroom.exportState({ includeKeyMaterial: true })).text;
    copy = await seededFrom(text);
  });

  test('a round trip gives the same text', async () => {
    expect((await copy.strongroom.exportState({ includeKeyMaterial: true })).text).toBe(text);
  });

  test('is sorted by account and region, without AWS managed keys, keys pending deletion and deleted secrets', () => {
    const doc = parse(text);
    const keys = doc.kms.keys as { account: string; region: string; keyId: string }[];
    expect(keys.map((k) => `${k.account}/${k.region}`)).toEqual([...Array(4).fill('000000000000/us-east-1'), '111122223333/eu-west-1']);
    expect(keys.slice(0, 4).map((k) => k.keyId)).toEqual(keys.slice(0, 4).map((k) => k.keyId).sort());
    expect(doc.kms.aliases.map((a: { name: string }) => a.name)).toEqual(['alias/orders', 'alias/signing']);
    expect(doc.secretsmanager.secrets.map((s: { name: string; region: string }) => `${s.region} ${s.name}`)).toEqual([
      'eu-west-1 app/db',
      'us-east-1 app/db',
      'us-east-1 bin',
      'us-east-1 empty',
      'us-east-1 numeric',
    ]);
    expect(text).toMatch(/^# Strongroom state export/);
    expect(text).toContain('# WARNING: this export holds KMS key material');
  });

  test('ciphertexts made before the export, before and after a rotation, decrypt on the re-seeded server', async () => {
    const kms = copy.kms();
    expect(Buffer.from((await kms.send(new DecryptCommand({ CiphertextBlob: ciphertexts[0] }))).Plaintext!).toString()).toBe('before');
    expect(Buffer.from((await kms.send(new DecryptCommand({ CiphertextBlob: ciphertexts[1], KeyId: 'alias/orders' }))).Plaintext!).toString()).toBe('after');
    const publicKey = async (server: TestServer) => Buffer.from((await server.kms().send(new GetPublicKeyCommand({ KeyId: signingKeyId }))).PublicKey!).toString('hex');
    expect(await publicKey(copy)).toBe(await publicKey(source));
  });

  test('keys keep their metadata, state, policy and rotation', async () => {
    const kms = copy.kms();
    const meta = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/orders' }))).KeyMetadata!;
    const original = (await source.kms().send(new DescribeKeyCommand({ KeyId: 'alias/orders' }))).KeyMetadata!;
    expect(meta).toMatchObject({ KeyId: symmetricKeyId, Description: 'orders', KeyState: 'Enabled', CurrentKeyMaterialId: original.CurrentKeyMaterialId });
    expect(await kms.send(new GetKeyRotationStatusCommand({ KeyId: symmetricKeyId }))).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 180 });
    const doc = parse(text);
    expect(doc.kms.keys.find((k: { keyId: string }) => k.keyId === symmetricKeyId)).toMatchObject({
      policy: POLICY,
      tags: { env: 'dev', team: 'payments' },
      rotation: { periodInDays: 180 },
      previousMaterials: [{ base64: expect.any(String) }],
    });
    expect(doc.kms.keys.filter((k: { enabled?: boolean }) => k.enabled === false)).toHaveLength(1);
  });

  test('secrets keep their versions, labels, values, tags, policy and key', async () => {
    const sm = copy.sm();
    const described = await sm.send(new DescribeSecretCommand({ SecretId: 'app/db' }));
    expect(described).toMatchObject({
      Description: 'login',
      KmsKeyId: 'alias/orders',
      Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }],
      VersionIdsToStages: { [V(2)]: ['STAGED', 'AWSPREVIOUS'], [V(3)]: ['AWSCURRENT'] },
    });
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'app/db', VersionStage: 'STAGED' }))).SecretString).toBe('multi\nline\n');
    expect(JSON.parse((await sm.send(new GetResourcePolicyCommand({ SecretId: 'app/db' }))).ResourcePolicy!)).toEqual(SECRET_POLICY);
    expect(Buffer.from((await sm.send(new GetSecretValueCommand({ SecretId: 'bin' }))).SecretBinary!)).toEqual(Buffer.from([0, 1, 2, 255]));
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'numeric' }))).SecretString).toBe('12345');
    expect((await copy.sm({ region: 'eu-west-1' }).send(new GetSecretValueCommand({ SecretId: 'app/db' }))).SecretString).toBe('ireland');
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 'empty' }))).VersionIdsToStages).toBeUndefined();
  });

  test('JSON holds the same document, and loads back the same', async () => {
    const json = (await source.strongroom.exportState({ includeKeyMaterial: true, format: 'json' })).text;
    expect(JSON.parse(json)).toEqual(parse(text));
    const fromJson = await seededFrom(json, 'export.json');
    expect((await fromJson.strongroom.exportState({ includeKeyMaterial: true, format: 'json' })).text).toBe(json);
  });

  test('account and region narrow the export', async () => {
    const doc = parse((await source.strongroom.exportState({ accountId: OTHER_ACCOUNT })).text);
    expect(doc.kms.keys).toHaveLength(1);
    expect(doc.secretsmanager).toBeUndefined();
    const ireland = parse((await source.strongroom.exportState({ region: 'eu-west-1', accountId: '000000000000' })).text);
    expect(ireland).toEqual({ version: 1, secretsmanager: { secrets: [expect.objectContaining({ name: 'app/db', region: 'eu-west-1' })] } });
  });
});

describe('export without key material', () => {
  test('re-seeded keys get new material: the round trip still gives the same text, old ciphertexts do not decrypt', async () => {
    const exported = await source.strongroom.exportState();
    expect(exported.warning).toBeUndefined();
    expect(exported.text).not.toContain('material');
    const copy = await seededFrom(exported.text);
    expect((await copy.strongroom.exportState()).text).toBe(exported.text);
    await expect(copy.kms().send(new DecryptCommand({ CiphertextBlob: ciphertexts[0] }))).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
    // Secret values are encrypted again under the new material: they read the same.
    expect((await copy.sm().send(new GetSecretValueCommand({ SecretId: 'app/db' }))).SecretString).toBe('{"user":"app","password":"p"}');
  });
});
