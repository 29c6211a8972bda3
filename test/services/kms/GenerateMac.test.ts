import { GenerateMacCommand, type GenerateMacCommandInput, type KeySpec, type MacAlgorithmSpec, VerifyMacCommand } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { createKey, unusableKeys } from './support';

const server = useServer();

const generateMac = (input: GenerateMacCommandInput) => server.kms().send(new GenerateMacCommand(input));
const message = Buffer.from('some important message');

describe('GenerateMac', () => {
  it.each<[KeySpec, MacAlgorithmSpec, number]>([
    ['HMAC_224', 'HMAC_SHA_224', 28],
    ['HMAC_256', 'HMAC_SHA_256', 32],
    ['HMAC_384', 'HMAC_SHA_384', 48],
    ['HMAC_512', 'HMAC_SHA_512', 64],
  ])('computes a %s MAC (%s) that VerifyMac accepts', async (spec, MacAlgorithm, length) => {
    const key = await createKey(server.kms(), spec, 'GENERATE_VERIFY_MAC');
    const out = await generateMac({ KeyId: key.KeyId, Message: message, MacAlgorithm });
    expect(out).toMatchObject({ KeyId: key.Arn, MacAlgorithm });
    expect(out.Mac!.length).toBe(length);
    const again = await generateMac({ KeyId: key.Arn, Message: message, MacAlgorithm });
    expect(Buffer.from(again.Mac!).equals(Buffer.from(out.Mac!))).toBe(true);
    await expect(server.kms().send(new VerifyMacCommand({ KeyId: key.KeyId, Message: message, Mac: out.Mac, MacAlgorithm }))).resolves.toMatchObject({ MacValid: true });
  });

  it('depends on the message and on the key', async () => {
    const [one, two] = [await createKey(server.kms(), 'HMAC_256', 'GENERATE_VERIFY_MAC'), await createKey(server.kms(), 'HMAC_256', 'GENERATE_VERIFY_MAC')];
    const mac = async (KeyId: string | undefined, text: string) =>
      Buffer.from((await generateMac({ KeyId, Message: Buffer.from(text), MacAlgorithm: 'HMAC_SHA_256' })).Mac!).toString('hex');
    expect(await mac(one.KeyId, 'a')).not.toBe(await mac(one.KeyId, 'b'));
    expect(await mac(one.KeyId, 'a')).not.toBe(await mac(two.KeyId, 'a'));
  });

  it('refuses an algorithm that is not the key spec', async () => {
    const key = await createKey(server.kms(), 'HMAC_224', 'GENERATE_VERIFY_MAC');
    expect(await awsError(() => generateMac({ KeyId: key.KeyId, Message: message, MacAlgorithm: 'HMAC_SHA_256' }))).toEqual({
      name: 'InvalidKeyUsageException',
      message: 'Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.',
      status: 400,
    });
  });

  it('lists the algorithms in AWS order for an unknown one', async () => {
    const key = await createKey(server.kms(), 'HMAC_256', 'GENERATE_VERIFY_MAC');
    expect(await awsError(() => generateMac({ KeyId: key.KeyId, Message: message, MacAlgorithm: 'INVALID' as MacAlgorithmSpec }))).toEqual({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value 'INVALID' at 'macAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [HMAC_SHA_384, HMAC_SHA_256, HMAC_SHA_224, HMAC_SHA_512]",
      status: 400,
    });
  });

  it('checks the key usage before the algorithm', async () => {
    const symmetric = await createKey(server.kms());
    expect(await awsError(() => generateMac({ KeyId: symmetric.KeyId, Message: message, MacAlgorithm: 'HMAC_SHA_256' }))).toEqual({
      name: 'InvalidKeyUsageException',
      message: `${symmetric.Arn} key usage is ENCRYPT_DECRYPT which is not valid for GenerateMac.`,
      status: 400,
    });
  });

  it('reports a malformed key id', async () => {
    expect(await awsError(() => generateMac({ KeyId: 'key_id', Message: message, MacAlgorithm: 'HMAC_SHA_256' }))).toEqual({
      name: 'NotFoundException',
      message: "Invalid keyId 'key_id'",
      status: 400,
    });
  });

  it('refuses keys that are not Enabled', async () => {
    for (const { key, error } of await unusableKeys(server.kms(), 'HMAC_256', 'GENERATE_VERIFY_MAC')) {
      expect(await awsError(() => generateMac({ KeyId: key.KeyId, Message: message, MacAlgorithm: 'HMAC_SHA_256' }))).toEqual(error);
    }
  });

  it('answers DryRun after the checks', async () => {
    const key = await createKey(server.kms(), 'HMAC_256', 'GENERATE_VERIFY_MAC');
    expect((await awsError(() => generateMac({ KeyId: key.KeyId, Message: message, MacAlgorithm: 'HMAC_SHA_256', DryRun: true }))).name).toBe('DryRunOperationException');
  });
});
