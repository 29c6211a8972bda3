import { constants, createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { GetPublicKeyCommand, type KeyMetadata, type KeySpec, type MessageType, SignCommand, type SignCommandInput, type SigningAlgorithmSpec } from '@aws-sdk/client-kms';
import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js';
import { awsError, useServer } from '../../helpers/server';
import { createKey, unusableKeys } from './support';

const server = useServer();
const keys = new Map<KeySpec, KeyMetadata>();
beforeAll(async () => {
  for (const spec of ['RSA_2048', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'ECC_NIST_EDWARDS25519', 'ML_DSA_65'] as const) {
    keys.set(spec, await createKey(server.kms(), spec, 'SIGN_VERIFY'));
  }
});

const sign = (input: SignCommandInput) => server.kms().send(new SignCommand(input));
const key = (spec: KeySpec) => keys.get(spec)!;
const publicKey = async (spec: KeySpec): Promise<Buffer> => Buffer.from((await server.kms().send(new GetPublicKeyCommand({ KeyId: key(spec).KeyId }))).PublicKey!);
const nodeKey = async (spec: KeySpec): Promise<KeyObject> => createPublicKey({ key: await publicKey(spec), format: 'der', type: 'spki' });
const message = Buffer.from('the message to sign');

describe('Sign', () => {
  // Verified offline with node:crypto and the GetPublicKey DER: RSA-PSS salt = digest length,
  // ECDSA signatures DER-encoded, RAW hashed once and DIGEST not hashed again.
  it.each<[KeySpec, SigningAlgorithmSpec, string, object]>([
    ['RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_256', 'sha256', { padding: constants.RSA_PKCS1_PADDING }],
    ['RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_384', 'sha384', { padding: constants.RSA_PKCS1_PADDING }],
    ['RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_512', 'sha512', { padding: constants.RSA_PKCS1_PADDING }],
    ['RSA_2048', 'RSASSA_PSS_SHA_256', 'sha256', { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }],
    ['RSA_2048', 'RSASSA_PSS_SHA_384', 'sha384', { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 }],
    ['RSA_2048', 'RSASSA_PSS_SHA_512', 'sha512', { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 }],
    ['ECC_NIST_P256', 'ECDSA_SHA_256', 'sha256', { dsaEncoding: 'der' }],
    ['ECC_NIST_P384', 'ECDSA_SHA_384', 'sha384', { dsaEncoding: 'der' }],
    ['ECC_NIST_P521', 'ECDSA_SHA_512', 'sha512', { dsaEncoding: 'der' }],
    ['ECC_SECG_P256K1', 'ECDSA_SHA_256', 'sha256', { dsaEncoding: 'der' }],
  ])('%s %s signatures verify with node:crypto, RAW and DIGEST', async (spec, SigningAlgorithm, hash, options) => {
    const verifier = { key: await nodeKey(spec), ...options };
    const raw = await sign({ KeyId: key(spec).KeyId, Message: message, SigningAlgorithm });
    expect(raw).toMatchObject({ KeyId: key(spec).Arn, SigningAlgorithm });
    expect(verify(hash, message, verifier, Buffer.from(raw.Signature!))).toBe(true);
    const digest = createHash(hash).update(message).digest();
    const fromDigest = await sign({ KeyId: key(spec).KeyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm });
    expect(verify(hash, message, verifier, Buffer.from(fromDigest.Signature!))).toBe(true);
  });

  it('signs with Ed25519 (RAW only) and the signature verifies with node:crypto', async () => {
    const out = await sign({ KeyId: key('ECC_NIST_EDWARDS25519').KeyId, Message: message, SigningAlgorithm: 'ED25519_SHA_512' });
    expect(out.Signature!.length).toBe(64);
    expect(verify(null, message, await nodeKey('ECC_NIST_EDWARDS25519'), Buffer.from(out.Signature!))).toBe(true);
    expect(
      await awsError(() => sign({ KeyId: key('ECC_NIST_EDWARDS25519').KeyId, Message: Buffer.alloc(64), MessageType: 'DIGEST', SigningAlgorithm: 'ED25519_SHA_512' })),
    ).toEqual({ name: 'ValidationException', message: 'MessageType DIGEST is not supported with signing algorithm ED25519_SHA_512.', status: 400 });
  });

  it('signs with ML-DSA, RAW and EXTERNAL_MU; the signature verifies with FIPS 204', async () => {
    const spki = await publicKey('ML_DSA_65');
    const raw = await sign({ KeyId: key('ML_DSA_65').KeyId, Message: message, SigningAlgorithm: 'ML_DSA_SHAKE_256' });
    expect(ml_dsa65.verify(raw.Signature!, message, spki.subarray(spki.length - 1952))).toBe(true);
    const mu = await sign({ KeyId: key('ML_DSA_65').KeyId, Message: Buffer.alloc(64, 7), MessageType: 'EXTERNAL_MU', SigningAlgorithm: 'ML_DSA_SHAKE_256' });
    expect(mu.Signature!.length).toBe(3309);
    expect(
      (await awsError(() => sign({ KeyId: key('ML_DSA_65').KeyId, Message: Buffer.alloc(32), MessageType: 'EXTERNAL_MU', SigningAlgorithm: 'ML_DSA_SHAKE_256' })))
        .message,
    ).toBe('Digest is invalid length for algorithm ML_DSA_SHAKE_256.');
  });

  it.each<[KeySpec, SigningAlgorithmSpec, number]>([
    ['RSA_2048', 'RSASSA_PSS_SHA_256', 31],
    ['RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_512', 32],
    ['ECC_NIST_P256', 'ECDSA_SHA_256', 33],
    ['ECC_NIST_P384', 'ECDSA_SHA_384', 32],
  ])('refuses a DIGEST of the wrong length (%s %s, %i bytes)', async (spec, SigningAlgorithm, length) => {
    expect(await awsError(() => sign({ KeyId: key(spec).KeyId, Message: Buffer.alloc(length), MessageType: 'DIGEST', SigningAlgorithm }))).toEqual({
      name: 'ValidationException',
      message: `Digest is invalid length for algorithm ${SigningAlgorithm}.`,
      status: 400,
    });
  });

  it.each<[KeySpec, SigningAlgorithmSpec]>([
    ['ECC_NIST_P256', 'ECDSA_SHA_384'],
    ['ECC_SECG_P256K1', 'ECDSA_SHA_512'],
    ['RSA_2048', 'ECDSA_SHA_256'],
    ['ECC_NIST_P256', 'RSASSA_PSS_SHA_256'],
  ])('refuses an algorithm the %s key does not offer (%s)', async (spec, SigningAlgorithm) => {
    expect(await awsError(() => sign({ KeyId: key(spec).KeyId, Message: message, SigningAlgorithm }))).toEqual({
      name: 'InvalidKeyUsageException',
      message: `Algorithm ${SigningAlgorithm} is incompatible with key spec ${spec}.`,
      status: 400,
    });
  });

  it('checks the key usage before the algorithm', async () => {
    const hmac = await createKey(server.kms(), 'HMAC_256', 'GENERATE_VERIFY_MAC');
    expect(await awsError(() => sign({ KeyId: hmac.KeyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }))).toEqual({
      name: 'InvalidKeyUsageException',
      message: `${hmac.Arn} key usage is GENERATE_VERIFY_MAC which is not valid for Sign.`,
      status: 400,
    });
  });

  it('checks MessageType and SigningAlgorithm against the model', async () => {
    const out = await awsError(() => sign({ KeyId: key('ECC_NIST_P256').KeyId, Message: message, MessageType: 'HASHED' as MessageType, SigningAlgorithm: 'ECDSA_SHA_256' }));
    expect(out.message).toBe("1 validation error detected: Value 'HASHED' at 'messageType' failed to satisfy constraint: Member must satisfy enum value set: [RAW, DIGEST, EXTERNAL_MU]");
  });

  it('refuses keys that are not Enabled', async () => {
    for (const { key: unusable, error } of await unusableKeys(server.kms(), 'ECC_NIST_P256', 'SIGN_VERIFY')) {
      expect(await awsError(() => sign({ KeyId: unusable.KeyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }))).toEqual(error);
    }
  });

  it('answers DryRun after the checks', async () => {
    expect(await awsError(() => sign({ KeyId: key('ECC_NIST_P256').Arn, Message: message, SigningAlgorithm: 'ECDSA_SHA_256', DryRun: true }))).toEqual({
      name: 'DryRunOperationException',
      message: 'The request would have succeeded, but the DryRun option is set.',
      status: 400,
    });
  });
});
