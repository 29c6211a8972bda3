import * as crypto from 'node:crypto';
import { deriveSharedSecret } from '../../../../src/services/kms/crypto/agreement';
import { generateMaterial, materialFromDer, publicKeyDer } from '../../../../src/services/kms/crypto/keys';
import type { KeySpec } from '../../../../src/services/kms/crypto/specs';

const reason = (r: string) => expect.objectContaining({ name: 'CryptoInputError', reason: r });
const spki = (k: crypto.KeyObject) => k.export({ format: 'der', type: 'spki' });

describe('ECDH', () => {
  it.each<[KeySpec, string, number]>([
    ['ECC_NIST_P256', 'prime256v1', 32],
    ['ECC_NIST_P384', 'secp384r1', 48],
    ['ECC_NIST_P521', 'secp521r1', 66],
  ])('%s: equals a local node:crypto computation', async (spec, curve, len) => {
    const m = await generateMaterial(spec);
    const peer = crypto.generateKeyPairSync('ec', { namedCurve: curve });
    const secret = deriveSharedSecret(spec, m, spki(peer.publicKey));
    expect(secret).toHaveLength(len);
    const kmsPublic = crypto.createPublicKey({ key: publicKeyDer(spec, m), format: 'der', type: 'spki' });
    expect(secret).toEqual(crypto.diffieHellman({ privateKey: peer.privateKey, publicKey: kmsPublic }));
    // createECDH route too
    const ecdh = crypto.createECDH(curve);
    ecdh.setPrivateKey(Buffer.from(peer.privateKey.export({ format: 'jwk' }).d!, 'base64url'));
    expect(secret).toEqual(ecdh.computeSecret(ecPoint(kmsPublic)));
  });

  it('SM2: equals node:crypto ECDH on the SM2 curve', () => {
    const kms = crypto.generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const m = materialFromDer('SM2', kms.privateKey.export({ format: 'der', type: 'pkcs8' }));
    const peer = crypto.generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const secret = deriveSharedSecret('SM2', m, spki(peer.publicKey));
    expect(secret).toHaveLength(32);
    expect(secret).toEqual(crypto.diffieHellman({ privateKey: peer.privateKey, publicKey: kms.publicKey }));
    expect(() => deriveSharedSecret('SM2', m, spki(crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey))).toThrow(
      reason('BAD_PUBLIC_KEY'),
    );
  });

  it('rejects keys on another curve, of another type, or unparsable', async () => {
    const m = await generateMaterial('ECC_NIST_P256');
    const cases = [
      spki(crypto.generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey),
      spki(crypto.generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey),
      spki(crypto.generateKeyPairSync('ec', { namedCurve: 'SM2' }).publicKey),
      spki(crypto.generateKeyPairSync('x25519').publicKey),
      spki(crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey),
      Buffer.from('not a key'),
      Buffer.alloc(0),
      crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'der', type: 'pkcs8' }),
    ];
    for (const der of cases) expect(() => deriveSharedSecret('ECC_NIST_P256', m, der)).toThrow(reason('BAD_PUBLIC_KEY'));
    // A point that is not on the curve.
    const good = Buffer.from(spki(crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey));
    good[good.length - 1] ^= 1;
    expect(() => deriveSharedSecret('ECC_NIST_P256', m, good)).toThrow(reason('BAD_PUBLIC_KEY'));
  });

  it('is not offered for secp256k1, Ed25519 or RSA keys', async () => {
    const k1 = await generateMaterial('ECC_SECG_P256K1');
    const peer = spki(crypto.generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey);
    expect(() => deriveSharedSecret('ECC_SECG_P256K1', k1, peer)).toThrow(reason('ALGORITHM_MISMATCH'));
    expect(() => deriveSharedSecret('RSA_2048', k1, peer)).toThrow(reason('ALGORITHM_MISMATCH'));
  });
});

function ecPoint(key: crypto.KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
}
