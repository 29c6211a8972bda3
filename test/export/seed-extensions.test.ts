// What the seed format gained for exports: KMS `rotation` and `previousMaterials`, and version
// labels that end where the file lists them.
import { DecryptCommand, DescribeKeyCommand, EncryptCommand, GetKeyRotationStatusCommand } from '@aws-sdk/client-kms';
import { DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import { useSeedFile } from '../helpers/seed-file';
import { startServer, useServer } from '../helpers/server';

const KEY = '1b4c6a3e-7f8d-4e2a-9b1c-0d2e3f405162';
const DISABLED = '2b4c6a3e-7f8d-4e2a-9b1c-0d2e3f405162';
const OLD = 'aa'.repeat(32);
const NEW = 'bb'.repeat(32);
const V = (n: number) => `${String(n).repeat(8)}-0000-4000-8000-000000000000`;

const file = useSeedFile(`
kms:
  keys:
    - { keyId: ${KEY}, material: { hex: "${NEW}" }, previousMaterials: [{ base64: "${Buffer.from(OLD, 'hex').toString('base64')}" }], rotation: { periodInDays: 90 } }
    - { keyId: ${DISABLED}, enabled: false, rotation: {} }
secretsmanager:
  secrets:
    - name: labelled
      versions:
        - { versionId: ${V(1)}, secretString: a, stages: [X] }
        - { versionId: ${V(2)}, secretString: b, stages: [AWSPREVIOUS] }
        - { versionId: ${V(3)}, secretString: c, stages: [AWSCURRENT] }
`);

// The same key with the old material as its current one: what made the ciphertexts before.
const oldFile = useSeedFile(`kms: { keys: [{ keyId: ${KEY}, material: { hex: "${OLD}" } }] }`);

describe('seed extensions', () => {
  const server = useServer({ options: { seeds: [file] } });

  test('rotation enables automatic rotation; a disabled key stays disabled', async () => {
    const kms = server.kms();
    expect(await kms.send(new GetKeyRotationStatusCommand({ KeyId: KEY }))).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 90 });
    expect(await kms.send(new GetKeyRotationStatusCommand({ KeyId: DISABLED }))).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 365 });
    expect((await kms.send(new DescribeKeyCommand({ KeyId: DISABLED }))).KeyMetadata!.KeyState).toBe('Disabled');
  });

  test('previousMaterials decrypt the ciphertexts made under them', async () => {
    const old = await startServer({ seeds: [oldFile] });
    try {
      const blob = (await old.kms().send(new EncryptCommand({ KeyId: KEY, Plaintext: Buffer.from('old') }))).CiphertextBlob!;
      expect(Buffer.from((await server.kms().send(new DecryptCommand({ CiphertextBlob: blob }))).Plaintext!).toString()).toBe('old');
    } finally {
      await old.close();
    }
  });

  test('labels end on the versions that list them', async () => {
    const described = await server.sm().send(new DescribeSecretCommand({ SecretId: 'labelled' }));
    expect(described.VersionIdsToStages).toEqual({ [V(1)]: ['X'], [V(2)]: ['AWSPREVIOUS'], [V(3)]: ['AWSCURRENT'] });
  });
});
