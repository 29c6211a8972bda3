import { GenerateMacCommand, type KeyMetadata, type MacAlgorithmSpec, VerifyMacCommand, type VerifyMacCommandInput } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { createKey, NO_MESSAGE, unusableKeys } from './support';

const server = useServer();
let key: KeyMetadata;
let mac: Uint8Array;
const message = Buffer.from('some important message');
beforeAll(async () => {
  key = await createKey(server.kms(), 'HMAC_256', 'GENERATE_VERIFY_MAC');
  mac = (await server.kms().send(new GenerateMacCommand({ KeyId: key.KeyId, Message: message, MacAlgorithm: 'HMAC_SHA_256' }))).Mac!;
});

const verifyMac = (input: VerifyMacCommandInput) => server.kms().send(new VerifyMacCommand(input));
const invalid = { name: 'KMSInvalidMacException', message: NO_MESSAGE, status: 400 };

describe('VerifyMac', () => {
  it('answers MacValid: true with the key ARN', async () => {
    const { $metadata, ...out } = await verifyMac({ KeyId: key.KeyId, Message: message, Mac: mac, MacAlgorithm: 'HMAC_SHA_256' });
    expect(out).toEqual({ KeyId: key.Arn, MacAlgorithm: 'HMAC_SHA_256', MacValid: true });
  });

  it('never answers MacValid: false: another message, a flipped bit or a short MAC is KMSInvalidMacException', async () => {
    expect(await awsError(() => verifyMac({ KeyId: key.KeyId, Message: Buffer.from('some different important message'), Mac: mac, MacAlgorithm: 'HMAC_SHA_256' }))).toEqual(
      invalid,
    );
    const flipped = Buffer.from(mac);
    flipped[0] ^= 0x80;
    expect(await awsError(() => verifyMac({ KeyId: key.KeyId, Message: message, Mac: flipped, MacAlgorithm: 'HMAC_SHA_256' }))).toEqual(invalid);
    expect(await awsError(() => verifyMac({ KeyId: key.KeyId, Message: message, Mac: mac.subarray(0, 16), MacAlgorithm: 'HMAC_SHA_256' }))).toEqual(invalid);
  });

  it('sends KMSInvalidMacException with no message member', async () => {
    const res = await server.raw(
      'TrentService.VerifyMac',
      JSON.stringify({ KeyId: key.KeyId, Message: message.toString('base64'), Mac: 'AAAA', MacAlgorithm: 'HMAC_SHA_256' }),
    );
    expect(res.json).toEqual({ __type: 'KMSInvalidMacException' });
  });

  it('refuses an algorithm that is not the key spec', async () => {
    expect(await awsError(() => verifyMac({ KeyId: key.KeyId, Message: message, Mac: mac, MacAlgorithm: 'HMAC_SHA_512' }))).toEqual({
      name: 'InvalidKeyUsageException',
      message: 'Algorithm HMAC_SHA_512 is incompatible with key spec HMAC_256.',
      status: 400,
    });
    expect((await awsError(() => verifyMac({ KeyId: key.KeyId, Message: message, Mac: mac, MacAlgorithm: 'INVALID' as MacAlgorithmSpec }))).message).toBe(
      "1 validation error detected: Value 'INVALID' at 'macAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [HMAC_SHA_384, HMAC_SHA_256, HMAC_SHA_224, HMAC_SHA_512]",
    );
  });

  it('checks the key usage first', async () => {
    const signing = await createKey(server.kms(), 'ECC_NIST_P256', 'SIGN_VERIFY');
    expect((await awsError(() => verifyMac({ KeyId: signing.KeyId, Message: message, Mac: mac, MacAlgorithm: 'HMAC_SHA_256' }))).message).toBe(
      `${signing.Arn} key usage is SIGN_VERIFY which is not valid for VerifyMac.`,
    );
  });

  it('refuses keys that are not Enabled', async () => {
    for (const { key: unusable, error } of await unusableKeys(server.kms(), 'HMAC_256', 'GENERATE_VERIFY_MAC')) {
      expect(await awsError(() => verifyMac({ KeyId: unusable.KeyId, Message: message, Mac: mac, MacAlgorithm: 'HMAC_SHA_256' }))).toEqual(error);
    }
  });

  it('answers DryRun only for a valid MAC', async () => {
    expect((await awsError(() => verifyMac({ KeyId: key.KeyId, Message: message, Mac: mac, MacAlgorithm: 'HMAC_SHA_256', DryRun: true }))).name).toBe(
      'DryRunOperationException',
    );
  });
});
