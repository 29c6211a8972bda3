// GetParametersForImport: a fresh wrapping public key (DER SPKI) and import token, valid for 24
// hours of emulated time, for EXTERNAL keys only.
import { createPublicKey } from 'node:crypto';
import { ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { getParameters } from './import-support';
import { createKey } from './key-management';

const server = useServer();

describe('GetParametersForImport', () => {
  it.each(['RSA_2048', 'RSA_3072', 'RSA_4096'] as const)('answers the key ARN, a token and a %s public key valid for 24 hours', async (spec) => {
    const kms = server.kms();
    const key = await createKey(kms, { Origin: 'EXTERNAL' });
    const before = Date.now();
    const params = await getParameters(kms, key.KeyId!, 'RSA_AES_KEY_WRAP_SHA_256', spec);
    expect(params.KeyId).toBe(key.Arn);
    expect(params.ImportToken!.length).toBeGreaterThan(0);
    const publicKey = createPublicKey({ key: Buffer.from(params.PublicKey!), format: 'der', type: 'spki' });
    expect(publicKey.asymmetricKeyType).toBe('rsa');
    expect(publicKey.asymmetricKeyDetails!.modulusLength).toBe(Number(spec.slice(4)));
    const validTo = params.ParametersValidTo!.getTime();
    expect(validTo).toBeGreaterThanOrEqual(before - 1000 + 86_400_000);
    expect(validTo).toBeLessThanOrEqual(Date.now() + 1000 + 86_400_000);
  });

  it('gives a new wrapping key and token on every call', async () => {
    const kms = server.kms();
    const key = await createKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', Origin: 'EXTERNAL' });
    const [a, b] = [await getParameters(kms, key.KeyId!), await getParameters(kms, key.KeyId!)];
    expect(Buffer.from(a.PublicKey!).equals(Buffer.from(b.PublicKey!))).toBe(false);
    expect(Buffer.from(a.ImportToken!).equals(Buffer.from(b.ImportToken!))).toBe(false);
  });

  it('gives an SM2 wrapping key for SM2PKE in China Regions', async () => {
    const kms = server.kms({ region: 'cn-north-1' });
    const key = await createKey(kms, { Origin: 'EXTERNAL' });
    const params = await getParameters(kms, key.KeyId!, 'SM2PKE', 'SM2');
    expect(params.KeyId).toBe(key.Arn);
    // id-ecPublicKey with the SM2 curve OID 1.2.156.10197.1.301.
    expect(Buffer.from(params.PublicKey!).includes(Buffer.from('06082a811ccf5501822d', 'hex'))).toBe(true);
  });

  it('refuses SM2 outside China Regions and algorithms that do not fit the wrapping key spec', async () => {
    const kms = server.kms();
    const key = await createKey(kms, { Origin: 'EXTERNAL' });
    expect(await awsError(() => getParameters(kms, key.KeyId!, 'SM2PKE', 'SM2'))).toEqual({
      name: 'ValidationException',
      message: 'WrappingKeySpec SM2 is not supported in this region.',
      status: 400,
    });
    expect(await awsError(() => getParameters(kms, key.KeyId!, 'SM2PKE', 'RSA_2048'))).toEqual({
      name: 'ValidationException',
      message: 'Wrapping algorithm SM2PKE is not compatible with wrapping key spec RSA_2048.',
      status: 400,
    });
  });

  it('refuses keys whose material KMS made, with the recorded error', async () => {
    const kms = server.kms();
    const key = await createKey(kms);
    expect(await awsError(() => getParameters(kms, key.KeyId!))).toEqual({
      name: 'UnsupportedOperationException',
      message: `${key.Arn} origin is AWS_KMS which is not valid for this operation.`,
      status: 400,
    });
  });

  it('refuses keys pending deletion and unknown keys', async () => {
    const kms = server.kms();
    const key = await createKey(kms, { Origin: 'EXTERNAL' });
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    expect(await awsError(() => getParameters(kms, key.KeyId!))).toEqual({ name: 'KMSInvalidStateException', message: `${key.Arn} is pending deletion.`, status: 400 });
    expect((await awsError(() => getParameters(kms, 'alias/nothing'))).name).toBe('NotFoundException');
  });
});
