import { DecryptCommand, DescribeKeyCommand, EncryptCommand, type KeyMetadata, ReEncryptCommand, type ReEncryptCommandInput } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { createKey, NO_MESSAGE, unusableKeys } from './support';

const server = useServer();
let source: KeyMetadata;
let destination: KeyMetadata;
let rsa: KeyMetadata;
beforeAll(async () => {
  source = await createKey(server.kms());
  destination = await createKey(server.kms());
  rsa = await createKey(server.kms(), 'RSA_2048', 'ENCRYPT_DECRYPT');
});

const reEncrypt = (input: ReEncryptCommandInput) => server.kms().send(new ReEncryptCommand(input));
const encrypt = async (EncryptionContext?: Record<string, string>) =>
  (await server.kms().send(new EncryptCommand({ KeyId: source.KeyId, Plaintext: Buffer.from('moving'), EncryptionContext }))).CiphertextBlob!;
const plaintextOf = async (CiphertextBlob: Uint8Array, extra: { KeyId?: string; EncryptionAlgorithm?: 'RSAES_OAEP_SHA_256'; EncryptionContext?: Record<string, string> } = {}) =>
  Buffer.from((await server.kms().send(new DecryptCommand({ CiphertextBlob, ...extra }))).Plaintext!).toString();
const materialId = async (KeyId: string) => (await server.kms().send(new DescribeKeyCommand({ KeyId }))).KeyMetadata!.CurrentKeyMaterialId;

describe('ReEncrypt', () => {
  it('moves a ciphertext to another key and context; both keys by ARN, with their materials', async () => {
    const blob = await encrypt({ from: 'a' });
    const out = await reEncrypt({ CiphertextBlob: blob, SourceEncryptionContext: { from: 'a' }, DestinationKeyId: destination.KeyId, DestinationEncryptionContext: { to: 'b' } });
    expect(out).toMatchObject({
      SourceKeyId: source.Arn,
      KeyId: destination.Arn,
      SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      SourceKeyMaterialId: await materialId(source.KeyId!),
      DestinationKeyMaterialId: await materialId(destination.KeyId!),
    });
    expect(await plaintextOf(out.CiphertextBlob!, { EncryptionContext: { to: 'b' } })).toBe('moving');
    expect((await awsError(() => plaintextOf(out.CiphertextBlob!, { EncryptionContext: { from: 'a' } }))).name).toBe('InvalidCiphertextException');
  });

  it('needs the source context', async () => {
    const blob = await encrypt({ from: 'a' });
    expect(await awsError(() => reEncrypt({ CiphertextBlob: blob, DestinationKeyId: destination.KeyId }))).toEqual({
      name: 'InvalidCiphertextException',
      message: NO_MESSAGE,
      status: 400,
    });
  });

  it('refuses a SourceKeyId that is not the encrypting key', async () => {
    const blob = await encrypt();
    expect(await awsError(() => reEncrypt({ CiphertextBlob: blob, SourceKeyId: destination.KeyId, DestinationKeyId: destination.KeyId }))).toEqual({
      name: 'IncorrectKeyException',
      message: 'The key ID in the request does not identify a CMK that can perform this operation.',
      status: 400,
    });
    await expect(reEncrypt({ CiphertextBlob: blob, SourceKeyId: source.Arn, DestinationKeyId: destination.KeyId })).resolves.toBeDefined();
  });

  it('refuses a destination key that does not encrypt', async () => {
    const blob = await encrypt();
    const signing = await createKey(server.kms(), 'ECC_NIST_P256', 'SIGN_VERIFY');
    expect(await awsError(() => reEncrypt({ CiphertextBlob: blob, DestinationKeyId: signing.KeyId }))).toEqual({
      name: 'InvalidKeyUsageException',
      message: `${signing.Arn} key usage is SIGN_VERIFY which is not valid for ReEncrypt.`,
      status: 400,
    });
  });

  it('refuses a destination key that is not Enabled', async () => {
    const blob = await encrypt();
    for (const { key, error } of await unusableKeys(server.kms())) {
      expect(await awsError(() => reEncrypt({ CiphertextBlob: blob, DestinationKeyId: key.KeyId }))).toEqual(error);
    }
  });

  it('refuses a source key that is not Enabled, named by SourceKeyId', async () => {
    const blob = await encrypt();
    for (const { key, error } of await unusableKeys(server.kms())) {
      expect(await awsError(() => reEncrypt({ CiphertextBlob: blob, SourceKeyId: key.KeyId, DestinationKeyId: destination.KeyId }))).toEqual(error);
    }
  });

  it('re-encrypts to and from an RSA key', async () => {
    const blob = await encrypt();
    const toRsa = await reEncrypt({ CiphertextBlob: blob, DestinationKeyId: rsa.KeyId, DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_256' });
    expect(toRsa).toMatchObject({ KeyId: rsa.Arn, DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_256' });
    expect(toRsa.DestinationKeyMaterialId).toBeUndefined();
    expect(toRsa.CiphertextBlob!.length).toBe(256);
    expect(await plaintextOf(toRsa.CiphertextBlob!, { KeyId: rsa.KeyId, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })).toBe('moving');

    const back = await reEncrypt({
      CiphertextBlob: toRsa.CiphertextBlob,
      SourceKeyId: rsa.KeyId,
      SourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
      DestinationKeyId: destination.KeyId,
    });
    expect(back).toMatchObject({ SourceKeyId: rsa.Arn, SourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_256', KeyId: destination.Arn });
    expect(back.SourceKeyMaterialId).toBeUndefined();
    expect(await plaintextOf(back.CiphertextBlob!)).toBe('moving');
  });

  it('needs the destination algorithm for an RSA destination', async () => {
    const blob = await encrypt();
    expect((await awsError(() => reEncrypt({ CiphertextBlob: blob, DestinationKeyId: rsa.KeyId }))).message).toBe(
      'Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.',
    );
  });

  it('answers DryRun after the checks, and with IGNORE_CIPHERTEXT without a ciphertext', async () => {
    const blob = await encrypt();
    const dryRun = { name: 'DryRunOperationException', message: 'The request would have succeeded, but the DryRun option is set.', status: 400 };
    expect(await awsError(() => reEncrypt({ CiphertextBlob: blob, DestinationKeyId: destination.KeyId, DryRun: true }))).toEqual(dryRun);
    expect(await awsError(() => reEncrypt({ DestinationKeyId: destination.KeyId, DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] }))).toEqual(dryRun);
    expect((await awsError(() => reEncrypt({ CiphertextBlob: Buffer.from('junk'), DestinationKeyId: destination.KeyId, DryRun: true }))).name).toBe(
      'InvalidCiphertextException',
    );
  });
});
