// The kms section of seed files: fixed ids and material, so ARNs and ciphertexts are the same
// on every machine; idempotent loading; errors that name the file and the key.
import { constants, createHmac, createPublicKey, generateKeyPairSync, publicEncrypt, randomBytes, verify, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  DecryptCommand,
  EncryptCommand,
  GenerateMacCommand,
  GetKeyPolicyCommand,
  GetPublicKeyCommand,
  ListAliasesCommand,
  ListResourceTagsCommand,
  SignCommand,
  UpdateKeyDescriptionCommand,
} from '@aws-sdk/client-kms';
import { parse } from 'yaml';
import { ACCOUNT, advanceClock, REGION, startServer, type TestServer } from '../../helpers/server';
import { describeKey } from './key-management';

const DEMO = resolve(__dirname, '../../../fixtures/demo.yaml');
const demo = parse(readFileSync(DEMO, 'utf8')) as { kms: { keys: { keyId: string; keySpec?: string; material: { hex?: string; pem?: string } }[] } };
const demoKey = (spec: string) => demo.kms.keys.find((k) => (k.keySpec ?? 'SYMMETRIC_DEFAULT') === spec)!;

let dir: string;
const servers: TestServer[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'strongroom-kms-seed-'));
});
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
  rmSync(dir, { recursive: true, force: true });
});

async function serve(seeds: string[], more: { dataDir?: string } = {}): Promise<TestServer> {
  const server = await startServer({ seeds, ...(more.dataDir ? { inMemory: false, dataDir: more.dataDir } : {}) });
  servers.push(server);
  return server;
}

function seedFile(text: string, name = 'seed.yaml'): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const SYMMETRIC_ID = 'a1b2c3d4-0000-4000-8000-000000000001';
const MATERIAL_HEX = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

describe('kms seeds: fixtures/demo.yaml', () => {
  it('creates every demo key with its spec, usage, tags and aliases', async () => {
    const server = await serve([DEMO]);
    const kms = server.kms();
    for (const [alias, spec, usage] of [
      ['alias/demo/symmetric', 'SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT'],
      ['alias/demo/hmac', 'HMAC_256', 'GENERATE_VERIFY_MAC'],
      ['alias/demo/rsa', 'RSA_2048', 'ENCRYPT_DECRYPT'],
      ['alias/demo/ecdsa', 'ECC_NIST_P256', 'SIGN_VERIFY'],
      ['alias/demo/ed25519', 'ECC_NIST_EDWARDS25519', 'SIGN_VERIFY'],
    ]) {
      const key = await describeKey(kms, alias);
      expect(key).toMatchObject({ KeyId: demoKey(spec).keyId, KeySpec: spec, KeyUsage: usage, KeyState: 'Enabled', KeyManager: 'CUSTOMER', Origin: 'AWS_KMS' });
      expect(key.Arn).toBe(`arn:aws:kms:${REGION}:${ACCOUNT}:key/${demoKey(spec).keyId}`);
    }
    const { Tags } = await kms.send(new ListResourceTagsCommand({ KeyId: demoKey('SYMMETRIC_DEFAULT').keyId }));
    expect(Tags).toEqual([
      { TagKey: 'Project', TagValue: 'demo' },
      { TagKey: 'Purpose', TagValue: 'encryption' },
    ]);
  });

  it('gives two machines the same material: same material id, ciphertexts decrypt across', async () => {
    const [a, b] = [await serve([DEMO]), await serve([DEMO])];
    const id = demoKey('SYMMETRIC_DEFAULT').keyId;
    const [ka, kb] = [await describeKey(a.kms(), id), await describeKey(b.kms(), id)];
    expect(ka.CurrentKeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    expect(kb.CurrentKeyMaterialId).toBe(ka.CurrentKeyMaterialId);
    const { CiphertextBlob } = await a.kms().send(new EncryptCommand({ KeyId: 'alias/demo/symmetric', Plaintext: Buffer.from('hello'), EncryptionContext: { app: 'demo' } }));
    const out = await b.kms().send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { app: 'demo' } }));
    expect(Buffer.from(out.Plaintext!).toString()).toBe('hello');
    expect(out.KeyId).toBe(ka.Arn);
  });

  it.each(['RSA_2048', 'ECC_NIST_P256', 'ECC_NIST_EDWARDS25519'])('serves the public key of the %s PEM', async (spec) => {
    const server = await serve([DEMO]);
    const { PublicKey } = await server.kms().send(new GetPublicKeyCommand({ KeyId: demoKey(spec).keyId }));
    const expected = createPublicKey(demoKey(spec).material.pem!).export({ format: 'der', type: 'spki' });
    expect(Buffer.from(PublicKey!).equals(expected)).toBe(true);
  });

  it('signs and MACs with the seeded material: results check out locally', async () => {
    const kms = (await serve([DEMO])).kms();
    const message = Buffer.from('seeded');
    const mac = await kms.send(new GenerateMacCommand({ KeyId: 'alias/demo/hmac', Message: message, MacAlgorithm: 'HMAC_SHA_256' }));
    expect(Buffer.from(mac.Mac!).equals(createHmac('sha256', Buffer.from(demoKey('HMAC_256').material.hex!, 'hex')).update(message).digest())).toBe(true);
    const signed = await kms.send(new SignCommand({ KeyId: 'alias/demo/ed25519', Message: message, SigningAlgorithm: 'ED25519_SHA_512' }));
    expect(verify(null, message, createPublicKey(demoKey('ECC_NIST_EDWARDS25519').material.pem!), Buffer.from(signed.Signature!))).toBe(true);
  });

  it('decrypts what was encrypted offline with the demo RSA public key', async () => {
    const server = await serve([DEMO]);
    const ciphertext = publicEncrypt(
      { key: createPublicKey(demoKey('RSA_2048').material.pem!), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      Buffer.from('offline'),
    );
    const out = await server.kms().send(new DecryptCommand({ KeyId: 'alias/demo/rsa', CiphertextBlob: ciphertext, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }));
    expect(Buffer.from(out.Plaintext!).toString()).toBe('offline');
  });
});

describe('kms seeds: the format', () => {
  it('takes account, region, enabled, description, policy mappings, tag lists and multi-Region ids', async () => {
    const file = seedFile(`
kms:
  keys:
    - keyId: ${SYMMETRIC_ID}
      account: "111122223333"
      region: eu-west-1
      enabled: false
      description: off
      policy: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { AWS: "*" }, Action: "kms:*", Resource: "*" }] }
      tags: [{ TagKey: team, TagValue: payments }]
    - keyId: mrk-0123456789abcdef0123456789abcdef
      multiRegion: true
  aliases:
    - { name: alias/off, targetKeyId: ${SYMMETRIC_ID}, account: "111122223333", region: eu-west-1 }
`);
    const server = await serve([file]);
    const kms = server.kms({ accessKeyId: '111122223333', region: 'eu-west-1' });
    const key = await describeKey(kms, 'alias/off');
    expect(key).toMatchObject({ KeyId: SYMMETRIC_ID, AWSAccountId: '111122223333', KeyState: 'Disabled', Enabled: false, Description: 'off' });
    expect(JSON.parse((await kms.send(new GetKeyPolicyCommand({ KeyId: SYMMETRIC_ID }))).Policy!).Statement[0].Principal).toEqual({ AWS: '*' });
    expect((await kms.send(new ListResourceTagsCommand({ KeyId: SYMMETRIC_ID }))).Tags).toEqual([{ TagKey: 'team', TagValue: 'payments' }]);
    const mrk = await describeKey(server.kms(), 'mrk-0123456789abcdef0123456789abcdef');
    expect(mrk).toMatchObject({ MultiRegion: true, MultiRegionConfiguration: { MultiRegionKeyType: 'PRIMARY' } });
  });

  it('reads material as base64, DER, PKCS#1 / SEC1 PEM, PEM files, raw files and ML-DSA seeds', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const ec = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey;
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey;
    const raw = randomBytes(32);
    writeFileSync(join(dir, 'rsa.pem'), rsa.export({ format: 'pem', type: 'pkcs1' }));
    writeFileSync(join(dir, 'aes.bin'), raw);
    const sec1 = (p384.export({ format: 'pem', type: 'sec1' }) as string).replace(/\n/g, '\n          ');
    const file = seedFile(`
kms:
  keys:
    - { keyId: b0000000-0000-4000-8000-000000000001, material: { base64: ${raw.toString('base64')} } }
    - { keyId: b0000000-0000-4000-8000-000000000002, material: { file: aes.bin } }
    - { keyId: b0000000-0000-4000-8000-000000000003, keySpec: RSA_2048, keyUsage: SIGN_VERIFY, material: { file: rsa.pem } }
    - keyId: b0000000-0000-4000-8000-000000000004
      keySpec: ECC_SECG_P256K1
      material: { base64: ${ec.export({ format: 'der', type: 'pkcs8' }).toString('base64')} }
    - keyId: b0000000-0000-4000-8000-000000000005
      keySpec: ECC_NIST_P384
      material:
        pem: |
          ${sec1}
    - { keyId: b0000000-0000-4000-8000-000000000006, keySpec: ML_DSA_44, material: { hex: ${'ab'.repeat(32)} } }
    - { keyId: b0000000-0000-4000-8000-000000000007, keySpec: HMAC_512, material: { hex: ${'cd'.repeat(100)} } }
`);
    const server = await serve([file]);
    const kms = server.kms();
    const publicOf = async (KeyId: string) => Buffer.from((await kms.send(new GetPublicKeyCommand({ KeyId }))).PublicKey!);
    const spki = (key: KeyObject) => createPublicKey(key).export({ format: 'der', type: 'spki' });
    expect((await publicOf('b0000000-0000-4000-8000-000000000003')).equals(spki(rsa))).toBe(true);
    expect((await publicOf('b0000000-0000-4000-8000-000000000004')).equals(spki(ec))).toBe(true);
    expect((await publicOf('b0000000-0000-4000-8000-000000000005')).equals(spki(p384))).toBe(true);
    expect(await describeKey(kms, 'b0000000-0000-4000-8000-000000000004')).toMatchObject({ KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'SIGN_VERIFY' });
    expect(await describeKey(kms, 'b0000000-0000-4000-8000-000000000006')).toMatchObject({ KeySpec: 'ML_DSA_44', KeyUsage: 'SIGN_VERIFY' });
    expect(await describeKey(kms, 'b0000000-0000-4000-8000-000000000007')).toMatchObject({ KeySpec: 'HMAC_512', KeyUsage: 'GENERATE_VERIFY_MAC' });
    // The same 32 bytes, given as base64 and as a file, encrypt compatibly only under their own key.
    const [a, b] = await Promise.all(['1', '2'].map((n) => describeKey(kms, `b0000000-0000-4000-8000-00000000000${n}`)));
    expect(a.CurrentKeyMaterialId).not.toBe(b.CurrentKeyMaterialId);
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: a.KeyId, Plaintext: Buffer.from('x') }));
    expect(Buffer.from((await kms.send(new DecryptCommand({ CiphertextBlob }))).Plaintext!).toString()).toBe('x');
  });

  it('seeds EXTERNAL keys: with material as imported for good, without it pending import', async () => {
    const file = seedFile(`
kms:
  keys:
    - { keyId: c0000000-0000-4000-8000-000000000001, origin: EXTERNAL, material: { hex: ${MATERIAL_HEX} } }
    - { keyId: c0000000-0000-4000-8000-000000000002, origin: EXTERNAL }
`);
    const kms = (await serve([file])).kms();
    expect(await describeKey(kms, 'c0000000-0000-4000-8000-000000000001')).toMatchObject({
      Origin: 'EXTERNAL',
      KeyState: 'Enabled',
      ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      CurrentKeyMaterialId: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const pending = await describeKey(kms, 'c0000000-0000-4000-8000-000000000002');
    expect(pending).toMatchObject({ Origin: 'EXTERNAL', KeyState: 'PendingImport', Enabled: false });
    expect(pending.CurrentKeyMaterialId).toBeUndefined();
  });

  it('seeds EXTERNAL material that expires at validTo, on the emulated clock', async () => {
    const validTo = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const file = seedFile(`
kms:
  keys:
    - { keyId: c0000000-0000-4000-8000-000000000003, origin: EXTERNAL, material: { hex: ${MATERIAL_HEX} }, validTo: "${validTo}" }
`);
    const server = await serve([file]);
    const kms = server.kms();
    const key = await describeKey(kms, 'c0000000-0000-4000-8000-000000000003');
    expect(key).toMatchObject({ KeyState: 'Enabled', ExpirationModel: 'KEY_MATERIAL_EXPIRES' });
    expect(key.ValidTo!.toISOString()).toBe(validTo);
    await advanceClock(server, 3 * 86_400);
    expect(await describeKey(kms, 'c0000000-0000-4000-8000-000000000003')).toMatchObject({ KeyState: 'PendingImport', Enabled: false });
  });

  it('never overwrites: a reloaded seed leaves changed keys and existing aliases as they are', async () => {
    const dataDir = join(dir, 'data');
    const file = seedFile(`
kms:
  keys: [{ keyId: ${SYMMETRIC_ID}, description: seeded, material: { hex: ${MATERIAL_HEX} } }]
  aliases: [{ name: alias/stay, targetKeyId: ${SYMMETRIC_ID} }]
`);
    const first = await serve([file], { dataDir });
    await first.kms().send(new UpdateKeyDescriptionCommand({ KeyId: SYMMETRIC_ID, Description: 'changed' }));
    const before = await describeKey(first.kms(), SYMMETRIC_ID);
    await servers.pop()!.close();
    const second = await serve([file, file], { dataDir });
    expect(await describeKey(second.kms(), SYMMETRIC_ID)).toEqual(before);
    const aliases = (await second.kms().send(new ListAliasesCommand({ KeyId: SYMMETRIC_ID }))).Aliases!;
    expect(aliases.map((a) => a.AliasName)).toEqual(['alias/stay']);
  });

  it.each([
    [`keys: [{ keyId: ${SYMMETRIC_ID}, material: { hex: "${'00'.repeat(31)}" } }]`, `kms key ${SYMMETRIC_ID}: Invalid key material for SYMMETRIC_DEFAULT: expected 32 bytes, got 31`],
    [`keys: [{ keyId: ${SYMMETRIC_ID}, material: { hex: ${'12'.repeat(32)} } }]`, `kms key ${SYMMETRIC_ID}: material.hex must be a string (quote it)`],
    [`keys: [{ keyId: ${SYMMETRIC_ID}, keySpec: RSA_2048, material: { pem: "-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----" } }]`, `kms key ${SYMMETRIC_ID}: Invalid key material for RSA_2048: not a parsable PEM private key`],
    [`keys: [{ keyId: ${SYMMETRIC_ID}, material: { hex: ab, pem: x } }]`, `kms key ${SYMMETRIC_ID}: material must have exactly one of hex, base64, pem, file`],
    [`keys: [{ keyId: ${SYMMETRIC_ID}, material: { file: missing.bin } }]`, `kms key ${SYMMETRIC_ID}: cannot read material file`],
    [`keys: [{ keyId: not-a-uuid }]`, 'kms key not-a-uuid: keyId must be a lowercase UUID'],
    [`keys: [{ keyId: ${SYMMETRIC_ID}, keySpec: RSA_2048, keyUsage: GENERATE_VERIFY_MAC }]`, `kms key ${SYMMETRIC_ID}: keyUsage GENERATE_VERIFY_MAC is not compatible with keySpec RSA_2048`],
    [`keys: [{ keyId: ${SYMMETRIC_ID}, colour: blue }]`, `kms key ${SYMMETRIC_ID}: unknown field 'colour'`],
    [`keys: [{ keyId: ${SYMMETRIC_ID}, tags: { "aws:x": y } }]`, `kms key ${SYMMETRIC_ID}: TagException: Tags beginning with aws: are reserved`],
    [`aliases: [{ name: alias/x, targetKeyId: ${SYMMETRIC_ID} }]`, `kms alias alias/x: target key ${SYMMETRIC_ID} does not exist`],
    [`aliases: [{ name: alias/aws/x, targetKeyId: ${SYMMETRIC_ID} }]`, 'kms alias alias/aws/x: NotAuthorizedException'],
    ['secrets: []', "kms section: unknown field 'secrets'"],
    [`keys: [{ keyId: ${SYMMETRIC_ID}, validTo: "2999-01-01T00:00:00Z" }]`, `kms key ${SYMMETRIC_ID}: validTo is for EXTERNAL keys seeded with material`],
    [`keys: [{ keyId: ${SYMMETRIC_ID}, origin: EXTERNAL, material: { hex: ${MATERIAL_HEX} }, validTo: soon }]`, `kms key ${SYMMETRIC_ID}: validTo must be an ISO 8601 date, got 'soon'`],
    [`keys: [{ keyId: ${SYMMETRIC_ID}, origin: EXTERNAL, material: { hex: ${MATERIAL_HEX} }, validTo: "2001-01-01T00:00:00Z" }]`, `kms key ${SYMMETRIC_ID}: validTo must be in the future, got '2001-01-01T00:00:00Z'`],
  ])('refuses to start on %s, naming the file and the key', async (section, message) => {
    const file = seedFile(`kms:\n  ${section}\n`);
    await expect(serve([file])).rejects.toThrow(`seed ${file}: ${message}`);
  });
});
