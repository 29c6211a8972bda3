import * as crypto from 'node:crypto';
import { generateDataKeyPair } from '../../../../src/services/kms/crypto/data-key-pair';
import { materialFromDer, publicKeyDer } from '../../../../src/services/kms/crypto/keys';
import { sign, verify } from '../../../../src/services/kms/crypto/sign';
import { DATA_KEY_PAIR_SPECS, type DataKeyPairSpec } from '../../../../src/services/kms/crypto/specs';

describe('generateDataKeyPair', () => {
  it('covers every DataKeyPairSpec', () => {
    expect(DATA_KEY_PAIR_SPECS).toHaveLength(12);
  });

  it.each<[DataKeyPairSpec, string, Record<string, unknown>]>([
    ['RSA_2048', 'rsa', { modulusLength: 2048 }],
    ['RSA_3072', 'rsa', { modulusLength: 3072 }],
    ['ECC_NIST_P256', 'ec', { namedCurve: 'prime256v1' }],
    ['ECC_NIST_P384', 'ec', { namedCurve: 'secp384r1' }],
    ['ECC_NIST_P521', 'ec', { namedCurve: 'secp521r1' }],
    ['ECC_SECG_P256K1', 'ec', { namedCurve: 'secp256k1' }],
    ['ECC_NIST_EDWARDS25519', 'ed25519', {}],
  ])('%s keys load in node:crypto and match', async (spec, type, details) => {
    const { privateKeyPkcs8Der, publicKeySpkiDer } = await generateDataKeyPair(spec);
    const priv = crypto.createPrivateKey({ key: privateKeyPkcs8Der, format: 'der', type: 'pkcs8' });
    const pub = crypto.createPublicKey({ key: publicKeySpkiDer, format: 'der', type: 'spki' });
    expect(priv.asymmetricKeyType).toBe(type);
    expect(priv.asymmetricKeyDetails).toMatchObject(details);
    expect(crypto.createPublicKey(priv).export({ format: 'der', type: 'spki' })).toEqual(publicKeySpkiDer);
    const msg = Buffer.from('data key pair');
    const alg = type === 'rsa' ? 'sha256' : type === 'ed25519' ? null : 'sha256';
    expect(crypto.verify(alg, msg, pub, crypto.sign(alg, msg, priv))).toBe(true);
  });

  it('SM2 keys are standard PKCS#8 / SPKI and usable', async () => {
    const { privateKeyPkcs8Der, publicKeySpkiDer } = await generateDataKeyPair('SM2');
    const m = materialFromDer('SM2', privateKeyPkcs8Der);
    expect(publicKeyDer('SM2', m)).toEqual(publicKeySpkiDer);
    const sig = sign('SM2', m, 'SM2DSA', Buffer.from('x'), 'RAW');
    expect(verify('SM2', m, 'SM2DSA', Buffer.from('x'), 'RAW', sig)).toBe(true);
    // node:crypto parses them too (as an EC/SM2 key it cannot fully use on Node 20).
    expect(() => crypto.createPublicKey({ key: publicKeySpkiDer, format: 'der', type: 'spki' })).not.toThrow();
  });

  it.each(['ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024'] as const)('%s: PKCS#8 seed form, reloadable', async (spec) => {
    const { privateKeyPkcs8Der, publicKeySpkiDer } = await generateDataKeyPair(spec);
    const m = materialFromDer(spec, privateKeyPkcs8Der);
    expect(m.bytes).toHaveLength(64);
    expect(publicKeyDer(spec, m)).toEqual(publicKeySpkiDer);
    // PrivateKeyInfo { 0, { OID }, OCTET STRING { [0] 64 bytes } }: 0x80 0x40 then the seed.
    expect(privateKeyPkcs8Der.subarray(-66, -64)).toEqual(Buffer.from([0x80, 0x40]));
  });

  it('two calls give different keys', async () => {
    const [a, b] = await Promise.all([generateDataKeyPair('ECC_NIST_P256'), generateDataKeyPair('ECC_NIST_P256')]);
    expect(a.publicKeySpkiDer).not.toEqual(b.publicKeySpkiDer);
  });

  it('rejects unknown specs', async () => {
    await expect(generateDataKeyPair('HMAC_256' as DataKeyPairSpec)).rejects.toThrow(expect.objectContaining({ reason: 'UNKNOWN_SPEC' }));
  });
});
