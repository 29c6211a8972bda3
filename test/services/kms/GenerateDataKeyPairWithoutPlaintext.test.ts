import { createPrivateKey, createPublicKey } from 'node:crypto';
import {
  DecryptCommand,
  GenerateDataKeyPairWithoutPlaintextCommand,
  type GenerateDataKeyPairWithoutPlaintextCommandInput,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { createKey, itChecksKeyStateAndDryRun } from './support';

const server = useServer();
let key: KeyMetadata;
beforeAll(async () => {
  key = await createKey(server.kms());
});

const generate = (input: GenerateDataKeyPairWithoutPlaintextCommandInput) => server.kms().send(new GenerateDataKeyPairWithoutPlaintextCommand(input));

describe('GenerateDataKeyPairWithoutPlaintext', () => {
  it('returns the public key and the encrypted private key only', async () => {
    const out = await generate({ KeyId: key.KeyId, KeyPairSpec: 'RSA_2048', EncryptionContext: { a: 'b' } });
    const { $metadata, PublicKey, PrivateKeyCiphertextBlob, ...rest } = out;
    expect(rest).toEqual({ KeyId: key.Arn, KeyPairSpec: 'RSA_2048', KeyMaterialId: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const { Plaintext } = await server.kms().send(new DecryptCommand({ CiphertextBlob: PrivateKeyCiphertextBlob, EncryptionContext: { a: 'b' } }));
    const privateKey = createPrivateKey({ key: Buffer.from(Plaintext!), format: 'der', type: 'pkcs8' });
    expect(createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).equals(Buffer.from(PublicKey!))).toBe(true);
  });

  it('needs a symmetric encryption key', async () => {
    const hmac = await createKey(server.kms(), 'HMAC_384', 'GENERATE_VERIFY_MAC');
    expect(await awsError(() => generate({ KeyId: hmac.KeyId, KeyPairSpec: 'ECC_NIST_P256' }))).toEqual({
      name: 'InvalidKeyUsageException',
      message: `${hmac.Arn} key usage is GENERATE_VERIFY_MAC which is not valid for GenerateDataKeyPairWithoutPlaintext.`,
      status: 400,
    });
  });

  itChecksKeyStateAndDryRun(
    () => server.kms(),
    () => key,
    (KeyId, DryRun) => generate({ KeyId, KeyPairSpec: 'ECC_NIST_P256', DryRun }),
  );
});
