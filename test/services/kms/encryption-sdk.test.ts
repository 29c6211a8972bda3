// The AWS Encryption SDK for JavaScript, unmodified, with its KMS keyring pointed at Strongroom:
// GenerateDataKey for the generator key, Encrypt for each additional key, Decrypt with KeyId.
import { buildClient, CommitmentPolicy, KMS, KmsKeyringNode } from '@aws-crypto/client-node';
import type { KeyMetadata } from '@aws-sdk/client-kms';
import { TEST_CREDENTIALS, useServer } from '../../helpers/server';
import { createKey } from './support';

const server = useServer();
let generator: KeyMetadata;
let additional: KeyMetadata;
const clients: KMS[] = [];
beforeAll(async () => {
  generator = await createKey(server.kms());
  additional = await createKey(server.kms());
});
afterAll(() => {
  for (const client of clients) client.destroy();
});

const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);

function keyring(generatorKeyId: string | undefined, keyIds: string[] = []): KmsKeyringNode {
  const clientProvider = (region: string) => {
    const client = new KMS({ endpoint: server.url, region, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    clients.push(client);
    return client;
  };
  return new KmsKeyringNode({ generatorKeyId, keyIds, clientProvider });
}

describe('AWS Encryption SDK for JavaScript', () => {
  const plaintext = Buffer.from('a message protected by the Encryption SDK');
  const encryptionContext = { purpose: 'strongroom-test', tenant: 'acme' };

  it('round-trips a message with an encryption context under a KMS keyring', async () => {
    const ring = keyring(generator.Arn, [additional.Arn!]);
    const { result, messageHeader } = await encrypt(ring, plaintext, { encryptionContext });
    expect(messageHeader.encryptedDataKeys.map((k) => k.providerInfo)).toEqual([generator.Arn, additional.Arn]);
    const out = await decrypt(ring, result);
    expect(out.plaintext.equals(plaintext)).toBe(true);
    expect(out.messageHeader.encryptionContext).toMatchObject(encryptionContext);
  });

  it('decrypts with the additional key alone: its data key came from KMS Encrypt', async () => {
    const { result } = await encrypt(keyring(generator.Arn, [additional.Arn!]), plaintext, { encryptionContext });
    const out = await decrypt(keyring(undefined, [additional.Arn!]), result);
    expect(out.plaintext.equals(plaintext)).toBe(true);
  });

  it('fails when the encryption context in the message was changed: KMS refuses the data key', async () => {
    const ring = keyring(generator.Arn);
    const { result } = await encrypt(ring, plaintext, { encryptionContext });
    const at = result.indexOf('acme');
    const tampered = Buffer.from(result);
    tampered[at] = 'b'.charCodeAt(0);
    await expect(decrypt(ring, tampered)).rejects.toThrow('Unable to decrypt data key');
  });

});
