// KMS state on disk: keys, aliases, tags, policies and pending deletions survive a restart on
// the same data dir, old ciphertexts still decrypt, and no key material is stored in the clear.
import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateAliasCommand,
  DecryptCommand,
  DisableKeyCommand,
  EncryptCommand,
  GetKeyPolicyCommand,
  GetPublicKeyCommand,
  ListAliasesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { filesUnder } from '../../helpers/cli-process';
import { advanceClock, awsError, startServer, type TestServer } from '../../helpers/server';
import { createKey, DAY, describeKey } from './key-management';

const SEEDED_ID = 'd0000000-0000-4000-8000-000000000001';
const RSA_ID = 'd0000000-0000-4000-8000-000000000002';
const material = Buffer.from('5ec2e7b17e5ec2e7b17e5ec2e7b17e5ec2e7b17e5ec2e7b17e5ec2e7b17e5ec2', 'hex');
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const rsaPem = rsa.export({ format: 'pem', type: 'pkcs8' }) as string;
/** A value stored once in the clear (a tag value): the data-dir scan must find it. */
const visible = `visible-${randomBytes(16).toString('hex')}`;
const policy = '{"Version":"2012-10-17","Statement":[{"Sid":"kept","Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:*","Resource":"*"}]}';

let dir: string;
let dataDir: string;
let seed: string;
let server: TestServer | undefined;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'strongroom-kms-restart-'));
  dataDir = join(dir, 'data');
  seed = join(dir, 'seed.yaml');
  const pem = rsaPem.trim().replace(/\n/g, '\n          ');
  writeFileSync(
    seed,
    `kms:
  keys:
    - { keyId: ${SEEDED_ID}, material: { hex: ${material.toString('hex')} } }
    - keyId: ${RSA_ID}
      keySpec: RSA_2048
      keyUsage: ENCRYPT_DECRYPT
      material:
        pem: |
          ${pem}
`,
  );
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function restart(): Promise<TestServer> {
  await server?.close();
  server = await startServer({ inMemory: false, dataDir });
  return server;
}

describe('KMS across a restart', () => {
  it('keeps keys, aliases, tags, policies and states; old ciphertexts decrypt; deletions still fall due', async () => {
    server = await startServer({ inMemory: false, dataDir, seeds: [seed] });
    let kms = server.kms();
    const key = await createKey(kms, { Description: 'made before', Tags: [{ TagKey: 'team', TagValue: visible }] });
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/survivor', TargetKeyId: key.KeyId }));
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/seeded', TargetKeyId: SEEDED_ID }));
    await kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: policy }));
    const disabled = await createKey(kms);
    await kms.send(new DisableKeyCommand({ KeyId: disabled.KeyId }));
    const doomed = await createKey(kms);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed.KeyId, PendingWindowInDays: 7 }));
    const sealed = await Promise.all(
      [key.KeyId!, 'alias/seeded'].map(async (KeyId) => (await kms.send(new EncryptCommand({ KeyId, Plaintext: Buffer.from(`for ${KeyId}`), EncryptionContext: { k: 'v' } }))).CiphertextBlob!),
    );
    const before = await Promise.all([key.KeyId!, SEEDED_ID, RSA_ID, disabled.KeyId!, doomed.KeyId!].map((id) => describeKey(kms, id)));
    const publicKey = (await kms.send(new GetPublicKeyCommand({ KeyId: RSA_ID }))).PublicKey;

    kms = (await restart()).kms();
    expect(await Promise.all(before.map((k) => describeKey(kms, k.KeyId!)))).toEqual(before);
    expect((await kms.send(new ListKeysCommand({}))).Keys).toHaveLength(5);
    expect((await kms.send(new ListAliasesCommand({ KeyId: key.KeyId }))).Aliases!.map((a) => a.AliasName)).toEqual(['alias/survivor']);
    expect((await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId }))).Tags).toEqual([{ TagKey: 'team', TagValue: visible }]);
    expect((await kms.send(new GetKeyPolicyCommand({ KeyId: key.KeyId }))).Policy).toBe(policy);
    expect((await kms.send(new GetPublicKeyCommand({ KeyId: RSA_ID }))).PublicKey).toEqual(publicKey);
    for (const [i, CiphertextBlob] of sealed.entries()) {
      const out = await kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { k: 'v' } }));
      expect(Buffer.from(out.Plaintext!).toString()).toBe(`for ${[key.KeyId, 'alias/seeded'][i]}`);
    }

    await advanceClock(server!, 8 * DAY);
    expect((await awsError(() => describeKey(kms, doomed.KeyId!))).message).toBe(`Key '${doomed.Arn}' does not exist`);
  });

  it('stores no key material in the clear', async () => {
    await server?.close();
    server = undefined;
    const der = createPrivateKey(rsaPem).export({ format: 'der', type: 'pkcs8' });
    const pemBody = rsaPem.split('\n').filter((line) => line && !line.startsWith('-----'));
    const secrets = [material, Buffer.from(material.toString('hex')), Buffer.from(material.toString('base64')), der, Buffer.from(der.toString('base64').slice(0, 64)), ...pemBody.map((l) => Buffer.from(l))];
    const files = filesUnder(dataDir).map((file) => readFileSync(file));
    // The scan does see the stored records: what it must not find is absent, not unreadable.
    expect(files.some((bytes) => bytes.includes(visible))).toBe(true);
    for (const bytes of files) {
      expect(bytes.includes('PRIVATE KEY')).toBe(false);
      for (const secret of secrets) expect(bytes.includes(secret)).toBe(false);
    }
  });
});
