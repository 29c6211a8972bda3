import { createECDH, createPublicKey, diffieHellman, generateKeyPairSync } from 'node:crypto';
import { DeriveSharedSecretCommand, type DeriveSharedSecretCommandInput, GetPublicKeyCommand, type KeyAgreementAlgorithmSpec, type KeySpec } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { createKey, NO_MESSAGE, unusableKeys } from './support';

const server = useServer();

const derive = (input: DeriveSharedSecretCommandInput) => server.kms().send(new DeriveSharedSecretCommand(input));
const peerSpki = (namedCurve: string) => generateKeyPairSync('ec', { namedCurve }).publicKey.export({ format: 'der', type: 'spki' });

describe('DeriveSharedSecret', () => {
  it.each<[KeySpec, string]>([
    ['ECC_NIST_P256', 'prime256v1'],
    ['ECC_NIST_P384', 'secp384r1'],
    ['ECC_NIST_P521', 'secp521r1'],
  ])('gives the same secret as a local ECDH on %s', async (spec, namedCurve) => {
    const key = await createKey(server.kms(), spec, 'KEY_AGREEMENT');
    const peer = generateKeyPairSync('ec', { namedCurve });
    const out = await derive({ KeyId: key.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peer.publicKey.export({ format: 'der', type: 'spki' }) });
    const { $metadata, SharedSecret, ...rest } = out;
    expect(rest).toEqual({ KeyId: key.Arn, KeyAgreementAlgorithm: 'ECDH', KeyOrigin: 'AWS_KMS' });
    const kmsPublic = createPublicKey({ key: Buffer.from((await server.kms().send(new GetPublicKeyCommand({ KeyId: key.KeyId }))).PublicKey!), format: 'der', type: 'spki' });
    expect(Buffer.from(SharedSecret!).equals(diffieHellman({ privateKey: peer.privateKey, publicKey: kmsPublic }))).toBe(true);
  });

  it('matches createECDH with the raw peer point too', async () => {
    const key = await createKey(server.kms(), 'ECC_NIST_P256', 'KEY_AGREEMENT');
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const spki = createPublicKey({ key: { kty: 'EC', crv: 'P-256', ...pointToJwk(ecdh.getPublicKey()) }, format: 'jwk' }).export({ format: 'der', type: 'spki' });
    const { SharedSecret } = await derive({ KeyId: key.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: spki });
    const kmsSpki = Buffer.from((await server.kms().send(new GetPublicKeyCommand({ KeyId: key.KeyId }))).PublicKey!);
    expect(Buffer.from(SharedSecret!).equals(ecdh.computeSecret(kmsSpki.subarray(kmsSpki.length - 65)))).toBe(true);
  });

  it('refuses an unparsable public key or one on another curve with a ValidationException and no message', async () => {
    const key = await createKey(server.kms(), 'ECC_NIST_P256', 'KEY_AGREEMENT');
    const error = { name: 'ValidationException', message: NO_MESSAGE, status: 400 };
    for (const PublicKey of [Buffer.from('not a key'), peerSpki('secp384r1'), generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' })]) {
      expect(await awsError(() => derive({ KeyId: key.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey }))).toEqual(error);
    }
  });

  it('needs a KEY_AGREEMENT key', async () => {
    const signing = await createKey(server.kms(), 'ECC_NIST_P256', 'SIGN_VERIFY');
    expect(await awsError(() => derive({ KeyId: signing.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peerSpki('prime256v1') }))).toEqual({
      name: 'InvalidKeyUsageException',
      message: `${signing.Arn} key usage is SIGN_VERIFY which is not valid for DeriveSharedSecret.`,
      status: 400,
    });
    const symmetric = await createKey(server.kms());
    expect((await awsError(() => derive({ KeyId: symmetric.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peerSpki('prime256v1') }))).message).toBe(
      `${symmetric.Arn} key usage is ENCRYPT_DECRYPT which is not valid for DeriveSharedSecret.`,
    );
  });

  it('checks KeyAgreementAlgorithm against the model', async () => {
    const key = await createKey(server.kms(), 'ECC_NIST_P256', 'KEY_AGREEMENT');
    expect(await awsError(() => derive({ KeyId: key.KeyId, KeyAgreementAlgorithm: 'INVALID' as KeyAgreementAlgorithmSpec, PublicKey: peerSpki('prime256v1') }))).toEqual({
      name: 'ValidationException',
      message: "1 validation error detected: Value 'INVALID' at 'keyAgreementAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [ECDH]",
      status: 400,
    });
  });

  it('refuses keys that are not Enabled', async () => {
    for (const { key, error } of await unusableKeys(server.kms(), 'ECC_NIST_P256', 'KEY_AGREEMENT')) {
      expect(await awsError(() => derive({ KeyId: key.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peerSpki('prime256v1') }))).toEqual(error);
    }
  });

  it('answers DryRun after the checks', async () => {
    const key = await createKey(server.kms(), 'ECC_NIST_P256', 'KEY_AGREEMENT');
    expect((await awsError(() => derive({ KeyId: key.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peerSpki('prime256v1'), DryRun: true }))).name).toBe(
      'DryRunOperationException',
    );
  });
});

function pointToJwk(point: Buffer): { x: string; y: string } {
  return { x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') };
}
