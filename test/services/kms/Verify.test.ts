import { createHash, generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { type KeyMetadata, type KeySpec, SignCommand, type SigningAlgorithmSpec, VerifyCommand, type VerifyCommandInput } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { createKey, NO_MESSAGE, unusableKeys } from './support';

const server = useServer();
const keys = new Map<KeySpec, KeyMetadata>();
beforeAll(async () => {
  for (const spec of ['RSA_2048', 'ECC_NIST_P256', 'ECC_NIST_EDWARDS25519', 'ML_DSA_44'] as const) {
    keys.set(spec, await createKey(server.kms(), spec, 'SIGN_VERIFY'));
  }
});

const key = (spec: KeySpec) => keys.get(spec)!;
const verify = (input: VerifyCommandInput) => server.kms().send(new VerifyCommand(input));
const signature = async (spec: KeySpec, SigningAlgorithm: SigningAlgorithmSpec, Message: Uint8Array = message) =>
  (await server.kms().send(new SignCommand({ KeyId: key(spec).KeyId, Message, SigningAlgorithm }))).Signature!;
const message = Buffer.from('signed message');
const invalid = { name: 'KMSInvalidSignatureException', message: NO_MESSAGE, status: 400 };

describe('Verify', () => {
  it.each<[KeySpec, SigningAlgorithmSpec]>([
    ['RSA_2048', 'RSASSA_PSS_SHA_384'],
    ['RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_256'],
    ['ECC_NIST_P256', 'ECDSA_SHA_256'],
    ['ECC_NIST_EDWARDS25519', 'ED25519_SHA_512'],
    ['ECC_NIST_EDWARDS25519', 'ED25519_PH_SHA_512'],
    ['ML_DSA_44', 'ML_DSA_SHAKE_256'],
  ])('accepts a %s %s signature and answers SignatureValid: true with the key ARN', async (spec, SigningAlgorithm) => {
    const Signature = await signature(spec, SigningAlgorithm);
    expect(await verify({ KeyId: key(spec).KeyId, Message: message, Signature, SigningAlgorithm })).toMatchObject({
      KeyId: key(spec).Arn,
      SignatureValid: true,
      SigningAlgorithm,
    });
  });

  it.each<[KeySpec, SigningAlgorithmSpec]>([
    ['RSA_2048', 'RSASSA_PSS_SHA_256'],
    ['ECC_NIST_P256', 'ECDSA_SHA_256'],
    ['ECC_NIST_EDWARDS25519', 'ED25519_PH_SHA_512'],
  ])('verifies a %s %s signature of a RAW message given as its DIGEST', async (spec, SigningAlgorithm) => {
    const Signature = await signature(spec, SigningAlgorithm);
    const digest = createHash(SigningAlgorithm.includes('512') ? 'sha512' : 'sha256').update(message).digest();
    await expect(verify({ KeyId: key(spec).KeyId, Message: digest, MessageType: 'DIGEST', Signature, SigningAlgorithm })).resolves.toMatchObject({
      SignatureValid: true,
    });
  });

  it('never answers SignatureValid: false: another message, a flipped bit or garbage is KMSInvalidSignatureException', async () => {
    const Signature = Buffer.from(await signature('ECC_NIST_P256', 'ECDSA_SHA_256'));
    const KeyId = key('ECC_NIST_P256').KeyId;
    expect(await awsError(() => verify({ KeyId, Message: Buffer.from('another'), Signature, SigningAlgorithm: 'ECDSA_SHA_256' }))).toEqual(invalid);
    const flipped = Buffer.from(Signature);
    flipped[10] ^= 1;
    expect(await awsError(() => verify({ KeyId, Message: message, Signature: flipped, SigningAlgorithm: 'ECDSA_SHA_256' }))).toEqual(invalid);
    expect(await awsError(() => verify({ KeyId, Message: message, Signature: Buffer.from('garbage'), SigningAlgorithm: 'ECDSA_SHA_256' }))).toEqual(invalid);
  });

  it('refuses a RAW signature checked as if the message were already a digest (no double hashing)', async () => {
    const Signature = await signature('RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_256');
    const wrong = createHash('sha256').update(createHash('sha256').update(message).digest()).digest();
    expect(await awsError(() => verify({ KeyId: key('RSA_2048').KeyId, Message: wrong, MessageType: 'DIGEST', Signature, SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' }))).toEqual(
      invalid,
    );
  });

  it('sends KMSInvalidSignatureException with no message member', async () => {
    const res = await server.raw(
      'TrentService.Verify',
      JSON.stringify({ KeyId: key('ECC_NIST_P256').KeyId, Message: message.toString('base64'), Signature: 'AAAA', SigningAlgorithm: 'ECDSA_SHA_256' }),
    );
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ __type: 'KMSInvalidSignatureException' });
  });

  it('refuses a signature by another key', async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const Signature = nodeSign('sha256', message, { key: other.privateKey, dsaEncoding: 'der' });
    expect(await awsError(() => verify({ KeyId: key('ECC_NIST_P256').KeyId, Message: message, Signature, SigningAlgorithm: 'ECDSA_SHA_256' }))).toEqual(invalid);
  });

  it('refuses a DIGEST of the wrong length', async () => {
    const Signature = await signature('RSA_2048', 'RSASSA_PSS_SHA_512');
    expect(await awsError(() => verify({ KeyId: key('RSA_2048').KeyId, Message: Buffer.alloc(32), MessageType: 'DIGEST', Signature, SigningAlgorithm: 'RSASSA_PSS_SHA_512' }))).toEqual({
      name: 'ValidationException',
      message: 'Digest is invalid length for algorithm RSASSA_PSS_SHA_512.',
      status: 400,
    });
  });

  it('checks usage, then the algorithm', async () => {
    const symmetric = await createKey(server.kms());
    expect(await awsError(() => verify({ KeyId: symmetric.KeyId, Message: message, Signature: Buffer.alloc(8), SigningAlgorithm: 'ECDSA_SHA_256' }))).toEqual({
      name: 'InvalidKeyUsageException',
      message: `${symmetric.Arn} key usage is ENCRYPT_DECRYPT which is not valid for Verify.`,
      status: 400,
    });
    expect(await awsError(() => verify({ KeyId: key('ECC_NIST_P256').KeyId, Message: message, Signature: Buffer.alloc(8), SigningAlgorithm: 'ECDSA_SHA_512' }))).toEqual({
      name: 'InvalidKeyUsageException',
      message: 'Algorithm ECDSA_SHA_512 is incompatible with key spec ECC_NIST_P256.',
      status: 400,
    });
  });

  it('refuses keys that are not Enabled', async () => {
    for (const { key: unusable, error } of await unusableKeys(server.kms(), 'ECC_NIST_P256', 'SIGN_VERIFY')) {
      expect(await awsError(() => verify({ KeyId: unusable.KeyId, Message: message, Signature: Buffer.alloc(8), SigningAlgorithm: 'ECDSA_SHA_256' }))).toEqual(error);
    }
  });

  it('answers DryRun only for a valid signature', async () => {
    const Signature = await signature('ECC_NIST_P256', 'ECDSA_SHA_256');
    expect(await awsError(() => verify({ KeyId: key('ECC_NIST_P256').KeyId, Message: message, Signature, SigningAlgorithm: 'ECDSA_SHA_256', DryRun: true }))).toEqual({
      name: 'DryRunOperationException',
      message: 'The request would have succeeded, but the DryRun option is set.',
      status: 400,
    });
  });
});
