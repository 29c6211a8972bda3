import * as crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ed25519ph } from '@noble/curves/ed25519.js';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { generateMaterial, materialFromPem, publicKeyDer, type KeyMaterial } from '../../../../src/services/kms/crypto/keys';
import { messageDigest, mlDsaExternalMu, sign, verify } from '../../../../src/services/kms/crypto/sign';
import { SIGNING_ALGORITHMS, type KeySpec, type SigningAlgorithm } from '../../../../src/services/kms/crypto/specs';
import { requireTool } from '../../../helpers/tools';

const reason = (r: string) => expect.objectContaining({ name: 'CryptoInputError', reason: r });
const MESSAGE = Buffer.from('The quick brown fox jumps over the lazy dog');
const OTHER = Buffer.from('The quick brown fox jumps over the lazy cat');

const hashOf = (alg: SigningAlgorithm, msg: Buffer) => crypto.createHash(SIGNING_ALGORITHMS[alg].hash).update(msg).digest();
const spkiKey = (spec: KeySpec, m: KeyMaterial) => crypto.createPublicKey({ key: publicKeyDer(spec, m), format: 'der', type: 'spki' });
const tamper = (sig: Buffer) => {
  const t = Buffer.from(sig);
  t[t.length >> 1] ^= 0x01;
  return t;
};

function nodeVerify(spec: KeySpec, m: KeyMaterial, alg: SigningAlgorithm, msg: Buffer, sig: Buffer): boolean {
  const key = spkiKey(spec, m);
  const info = SIGNING_ALGORITHMS[alg];
  switch (info.scheme) {
    case 'RSA_PSS':
      return crypto.verify(info.hash, msg, { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: info.digestLength }, sig);
    case 'RSA_PKCS1':
      return crypto.verify(info.hash, msg, { key, padding: crypto.constants.RSA_PKCS1_PADDING }, sig);
    case 'ECDSA':
      return crypto.verify(info.hash, msg, { key, dsaEncoding: 'der' }, sig);
    case 'ED25519':
      return crypto.verify(null, msg, key, sig);
    default:
      throw new Error(`node:crypto cannot verify ${alg}`);
  }
}

describe('RSA signatures (RSA_2048)', () => {
  let rsa: KeyMaterial;
  beforeAll(async () => {
    rsa = await generateMaterial('RSA_2048');
  });
  const algorithms: SigningAlgorithm[] = [
    'RSASSA_PSS_SHA_256',
    'RSASSA_PSS_SHA_384',
    'RSASSA_PSS_SHA_512',
    'RSASSA_PKCS1_V1_5_SHA_256',
    'RSASSA_PKCS1_V1_5_SHA_384',
    'RSASSA_PKCS1_V1_5_SHA_512',
  ];

  it.each(algorithms)('%s: RAW and DIGEST both verify with node:crypto against the message', (alg) => {
    const rawSig = sign('RSA_2048', rsa, alg, MESSAGE, 'RAW');
    const digestSig = sign('RSA_2048', rsa, alg, hashOf(alg, MESSAGE), 'DIGEST');
    expect(rawSig).toHaveLength(256);
    expect(digestSig).toHaveLength(256);
    for (const sig of [rawSig, digestSig]) {
      expect(nodeVerify('RSA_2048', rsa, alg, MESSAGE, sig)).toBe(true);
      expect(nodeVerify('RSA_2048', rsa, alg, OTHER, sig)).toBe(false);
      expect(verify('RSA_2048', rsa, alg, MESSAGE, 'RAW', sig)).toBe(true);
      expect(verify('RSA_2048', rsa, alg, hashOf(alg, MESSAGE), 'DIGEST', sig)).toBe(true);
      expect(verify('RSA_2048', rsa, alg, OTHER, 'RAW', sig)).toBe(false);
      expect(verify('RSA_2048', rsa, alg, hashOf(alg, OTHER), 'DIGEST', sig)).toBe(false);
      expect(verify('RSA_2048', rsa, alg, MESSAGE, 'RAW', tamper(sig))).toBe(false);
      expect(verify('RSA_2048', rsa, alg, hashOf(alg, MESSAGE), 'DIGEST', tamper(sig))).toBe(false);
    }
    if (alg.startsWith('RSASSA_PKCS1')) expect(digestSig).toEqual(rawSig); // deterministic scheme
  });

  it('does not hash a DIGEST again (a signature of H(H(m)) would not verify against m)', () => {
    const d = hashOf('RSASSA_PSS_SHA_256', MESSAGE);
    const sig = sign('RSA_2048', rsa, 'RSASSA_PSS_SHA_256', d, 'DIGEST');
    expect(nodeVerify('RSA_2048', rsa, 'RSASSA_PSS_SHA_256', d, sig)).toBe(false);
    expect(nodeVerify('RSA_2048', rsa, 'RSASSA_PSS_SHA_256', MESSAGE, sig)).toBe(true);
  });

  it('PSS uses salt length = digest length (node verify with another salt length fails)', () => {
    const sig = sign('RSA_2048', rsa, 'RSASSA_PSS_SHA_512', hashOf('RSASSA_PSS_SHA_512', MESSAGE), 'DIGEST');
    const key = spkiKey('RSA_2048', rsa);
    const opts = (saltLength: number) => ({ key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength });
    expect(crypto.verify('sha512', MESSAGE, opts(64), sig)).toBe(true);
    expect(crypto.verify('sha512', MESSAGE, opts(32), sig)).toBe(false);
  });

  it('verifies node:crypto signatures', () => {
    const key = crypto.createPrivateKey({ key: rsa.bytes, format: 'der', type: 'pkcs8' });
    const pss = crypto.sign('sha384', MESSAGE, { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 });
    expect(verify('RSA_2048', rsa, 'RSASSA_PSS_SHA_384', hashOf('RSASSA_PSS_SHA_384', MESSAGE), 'DIGEST', pss)).toBe(true);
    expect(verify('RSA_2048', rsa, 'RSASSA_PSS_SHA_384', MESSAGE, 'RAW', pss)).toBe(true);
    const pkcs1 = crypto.sign('sha512', MESSAGE, key);
    expect(verify('RSA_2048', rsa, 'RSASSA_PKCS1_V1_5_SHA_512', hashOf('RSASSA_PKCS1_V1_5_SHA_512', MESSAGE), 'DIGEST', pkcs1)).toBe(true);
    // Same padding, wrong hash algorithm in DigestInfo.
    expect(verify('RSA_2048', rsa, 'RSASSA_PKCS1_V1_5_SHA_256', hashOf('RSASSA_PKCS1_V1_5_SHA_256', MESSAGE), 'DIGEST', pkcs1)).toBe(false);
  });

  it('rejects a digest of the wrong length and malformed signatures', () => {
    expect(() => sign('RSA_2048', rsa, 'RSASSA_PSS_SHA_256', Buffer.alloc(48), 'DIGEST')).toThrow(reason('DIGEST_LENGTH'));
    expect(() => sign('RSA_2048', rsa, 'RSASSA_PKCS1_V1_5_SHA_512', Buffer.alloc(32), 'DIGEST')).toThrow(reason('DIGEST_LENGTH'));
    expect(() => verify('RSA_2048', rsa, 'RSASSA_PSS_SHA_384', Buffer.alloc(32), 'DIGEST', Buffer.alloc(256))).toThrow(reason('DIGEST_LENGTH'));
    for (const sig of [Buffer.alloc(0), Buffer.alloc(10), Buffer.alloc(256, 0xff), Buffer.alloc(300, 1)]) {
      expect(verify('RSA_2048', rsa, 'RSASSA_PSS_SHA_256', MESSAGE, 'RAW', sig)).toBe(false);
      expect(verify('RSA_2048', rsa, 'RSASSA_PSS_SHA_256', hashOf('RSASSA_PSS_SHA_256', MESSAGE), 'DIGEST', sig)).toBe(false);
      expect(verify('RSA_2048', rsa, 'RSASSA_PKCS1_V1_5_SHA_256', hashOf('RSASSA_PKCS1_V1_5_SHA_256', MESSAGE), 'DIGEST', sig)).toBe(false);
    }
  });

  it('rejects algorithms and message types the key spec does not have', () => {
    expect(() => sign('RSA_2048', rsa, 'ECDSA_SHA_256', MESSAGE, 'RAW')).toThrow(reason('ALGORITHM_MISMATCH'));
    expect(() => sign('RSA_2048', rsa, 'RSASSA_PSS_SHA_256', Buffer.alloc(64), 'EXTERNAL_MU')).toThrow(reason('MESSAGE_TYPE'));
    expect(() => sign('RSA_2048', rsa, 'NOPE' as SigningAlgorithm, MESSAGE, 'RAW')).toThrow(reason('UNKNOWN_SPEC'));
    expect(() => sign('RSA_2048', rsa, 'RSASSA_PSS_SHA_256', 'text' as unknown as Buffer, 'RAW')).toThrow(TypeError);
  });
});

describe('ECDSA signatures', () => {
  it.each<[KeySpec, SigningAlgorithm]>([
    ['ECC_NIST_P256', 'ECDSA_SHA_256'],
    ['ECC_NIST_P384', 'ECDSA_SHA_384'],
    ['ECC_NIST_P521', 'ECDSA_SHA_512'],
    ['ECC_SECG_P256K1', 'ECDSA_SHA_256'],
  ])('%s / %s: RAW and DIGEST are DER and verify with node:crypto', async (spec, alg) => {
    const m = await generateMaterial(spec);
    const digest = hashOf(alg, MESSAGE);
    const rawSig = sign(spec, m, alg, MESSAGE, 'RAW');
    const digestSig = sign(spec, m, alg, digest, 'DIGEST');
    for (const sig of [rawSig, digestSig]) {
      expect(sig[0]).toBe(0x30); // DER SEQUENCE { r, s }
      expect(nodeVerify(spec, m, alg, MESSAGE, sig)).toBe(true);
      expect(nodeVerify(spec, m, alg, OTHER, sig)).toBe(false);
      expect(verify(spec, m, alg, MESSAGE, 'RAW', sig)).toBe(true);
      expect(verify(spec, m, alg, digest, 'DIGEST', sig)).toBe(true);
      expect(verify(spec, m, alg, OTHER, 'RAW', sig)).toBe(false);
      expect(verify(spec, m, alg, hashOf(alg, OTHER), 'DIGEST', sig)).toBe(false);
      expect(verify(spec, m, alg, MESSAGE, 'RAW', tamper(sig))).toBe(false);
      expect(verify(spec, m, alg, digest, 'DIGEST', tamper(sig))).toBe(false);
    }
    expect(verify(spec, m, alg, digest, 'DIGEST', Buffer.from('garbage'))).toBe(false);
    expect(verify(spec, m, alg, MESSAGE, 'RAW', Buffer.alloc(0))).toBe(false);
    expect(() => sign(spec, m, alg, digest.subarray(1), 'DIGEST')).toThrow(reason('DIGEST_LENGTH'));
  });

  it('accepts both low-S and high-S signatures over a digest (OpenSSL does not normalise S)', async () => {
    const n = BigInt('0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141'); // secp256k1 order
    const m = await generateMaterial('ECC_SECG_P256K1');
    const key = crypto.createPrivateKey({ key: m.bytes, format: 'der', type: 'pkcs8' });
    const digest = hashOf('ECDSA_SHA_256', MESSAGE);
    const der = crypto.sign('sha256', MESSAGE, key);
    const r = crypto.sign('sha256', MESSAGE, { key, dsaEncoding: 'ieee-p1363' }); // only to learn the format
    expect(r).toHaveLength(64);
    // Re-encode with s and n - s: both are valid ECDSA signatures.
    const rLen = der[3];
    const rBytes = der.subarray(4, 4 + rLen);
    const s = BigInt('0x' + der.subarray(6 + rLen).toString('hex'));
    const enc = (x: bigint) => {
      let h = x.toString(16);
      if (h.length % 2) h = '0' + h;
      let b = Buffer.from(h, 'hex');
      if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
      return Buffer.concat([Buffer.from([2, b.length]), b]);
    };
    for (const sv of [s, n - s]) {
      const body = Buffer.concat([Buffer.from([2, rLen]), rBytes, enc(sv)]);
      const sig = Buffer.concat([Buffer.from([0x30, body.length]), body]);
      expect(crypto.verify('sha256', MESSAGE, crypto.createPublicKey(key), sig)).toBe(true);
      expect(verify('ECC_SECG_P256K1', m, 'ECDSA_SHA_256', digest, 'DIGEST', sig)).toBe(true);
      expect(verify('ECC_SECG_P256K1', m, 'ECDSA_SHA_256', MESSAGE, 'RAW', sig)).toBe(true);
    }
  });
});

describe('Ed25519 signatures', () => {
  let m: KeyMaterial;
  let rawPublic: Buffer;
  let seed: Buffer;
  beforeAll(async () => {
    m = await generateMaterial('ECC_NIST_EDWARDS25519');
    rawPublic = publicKeyDer('ECC_NIST_EDWARDS25519', m).subarray(-32);
    seed = Buffer.from(crypto.createPrivateKey({ key: m.bytes, format: 'der', type: 'pkcs8' }).export({ format: 'jwk' }).d!, 'base64url');
  });

  it('ED25519_SHA_512 is pure Ed25519 over the RAW message', () => {
    const sig = sign('ECC_NIST_EDWARDS25519', m, 'ED25519_SHA_512', MESSAGE, 'RAW');
    expect(sig).toHaveLength(64);
    expect(nodeVerify('ECC_NIST_EDWARDS25519', m, 'ED25519_SHA_512', MESSAGE, sig)).toBe(true);
    expect(verify('ECC_NIST_EDWARDS25519', m, 'ED25519_SHA_512', MESSAGE, 'RAW', sig)).toBe(true);
    expect(verify('ECC_NIST_EDWARDS25519', m, 'ED25519_SHA_512', OTHER, 'RAW', sig)).toBe(false);
    expect(verify('ECC_NIST_EDWARDS25519', m, 'ED25519_SHA_512', MESSAGE, 'RAW', tamper(sig))).toBe(false);
    expect(verify('ECC_NIST_EDWARDS25519', m, 'ED25519_SHA_512', MESSAGE, 'RAW', sig.subarray(1))).toBe(false);
    expect(() => sign('ECC_NIST_EDWARDS25519', m, 'ED25519_SHA_512', Buffer.alloc(64), 'DIGEST')).toThrow(reason('MESSAGE_TYPE'));
    expect(() => messageDigest('ECC_NIST_EDWARDS25519', m, 'ED25519_SHA_512', MESSAGE)).toThrow(reason('MESSAGE_TYPE'));
  });

  it('ED25519_PH_SHA_512 is RFC 8032 Ed25519ph; RAW pre-hashes, DIGEST takes SHA-512(m)', () => {
    const digest = crypto.createHash('sha512').update(MESSAGE).digest();
    const rawSig = sign('ECC_NIST_EDWARDS25519', m, 'ED25519_PH_SHA_512', MESSAGE, 'RAW');
    const digestSig = sign('ECC_NIST_EDWARDS25519', m, 'ED25519_PH_SHA_512', digest, 'DIGEST');
    // Deterministic, and identical to noble's reference ed25519ph over the message.
    expect(rawSig).toEqual(digestSig);
    expect(rawSig).toEqual(Buffer.from(ed25519ph.sign(MESSAGE, seed)));
    expect(ed25519ph.verify(rawSig, MESSAGE, rawPublic)).toBe(true);
    // Not a pure Ed25519 signature.
    expect(nodeVerify('ECC_NIST_EDWARDS25519', m, 'ED25519_SHA_512', MESSAGE, rawSig)).toBe(false);
    expect(verify('ECC_NIST_EDWARDS25519', m, 'ED25519_PH_SHA_512', MESSAGE, 'RAW', rawSig)).toBe(true);
    expect(verify('ECC_NIST_EDWARDS25519', m, 'ED25519_PH_SHA_512', digest, 'DIGEST', rawSig)).toBe(true);
    expect(verify('ECC_NIST_EDWARDS25519', m, 'ED25519_PH_SHA_512', OTHER, 'RAW', rawSig)).toBe(false);
    expect(verify('ECC_NIST_EDWARDS25519', m, 'ED25519_PH_SHA_512', MESSAGE, 'RAW', tamper(rawSig))).toBe(false);
    expect(verify('ECC_NIST_EDWARDS25519', m, 'ED25519_PH_SHA_512', MESSAGE, 'RAW', Buffer.alloc(3))).toBe(false);
    expect(() => sign('ECC_NIST_EDWARDS25519', m, 'ED25519_PH_SHA_512', digest.subarray(0, 32), 'DIGEST')).toThrow(reason('DIGEST_LENGTH'));
    expect(messageDigest('ECC_NIST_EDWARDS25519', m, 'ED25519_PH_SHA_512', MESSAGE)).toEqual(digest);
  });

  it('matches the RFC 8032 Ed25519ph test vector (TEST abc)', () => {
    const vectorSeed = '833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42';
    const pem = `-----BEGIN PRIVATE KEY-----\n${Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(vectorSeed, 'hex')]).toString('base64')}\n-----END PRIVATE KEY-----\n`;
    const km = materialFromPem('ECC_NIST_EDWARDS25519', pem);
    expect(publicKeyDer('ECC_NIST_EDWARDS25519', km).subarray(-32).toString('hex')).toBe(
      'ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf',
    );
    expect(sign('ECC_NIST_EDWARDS25519', km, 'ED25519_PH_SHA_512', Buffer.from('abc'), 'RAW').toString('hex')).toBe(
      '98a70222f0b8121aa9d30f813d683f809e462b469c7ff87639499bb94e6dae4131f85042463c2a355a2003d062adf5aaa10b8c61e636062aaad11c2a26083406',
    );
  });
});

describe('ML-DSA signatures', () => {
  it.each([
    ['ML_DSA_44', ml_dsa44],
    ['ML_DSA_65', ml_dsa65],
    ['ML_DSA_87', ml_dsa87],
  ] as const)('%s: RAW and EXTERNAL_MU verify against the message (FIPS 204, empty context)', async (spec, impl) => {
    const m = await generateMaterial(spec);
    const publicKey = publicKeyDer(spec, m).subarray(-impl.lengths.publicKey!);
    const rawSig = sign(spec, m, 'ML_DSA_SHAKE_256', MESSAGE, 'RAW');
    expect(rawSig).toHaveLength(impl.lengths.signature!);
    expect(impl.verify(rawSig, MESSAGE, publicKey)).toBe(true);

    const mu = mlDsaExternalMu(publicKey, MESSAGE);
    expect(messageDigest(spec, m, 'ML_DSA_SHAKE_256', MESSAGE)).toEqual(mu);
    const muSig = sign(spec, m, 'ML_DSA_SHAKE_256', mu, 'EXTERNAL_MU');
    expect(impl.verify(muSig, MESSAGE, publicKey)).toBe(true);

    for (const sig of [rawSig, muSig]) {
      expect(verify(spec, m, 'ML_DSA_SHAKE_256', MESSAGE, 'RAW', sig)).toBe(true);
      expect(verify(spec, m, 'ML_DSA_SHAKE_256', mu, 'EXTERNAL_MU', sig)).toBe(true);
      expect(verify(spec, m, 'ML_DSA_SHAKE_256', OTHER, 'RAW', sig)).toBe(false);
      expect(verify(spec, m, 'ML_DSA_SHAKE_256', MESSAGE, 'RAW', tamper(sig))).toBe(false);
    }
    expect(verify(spec, m, 'ML_DSA_SHAKE_256', MESSAGE, 'RAW', rawSig.subarray(1))).toBe(false);
    expect(() => sign(spec, m, 'ML_DSA_SHAKE_256', mu, 'DIGEST')).toThrow(reason('MESSAGE_TYPE'));
    expect(() => sign(spec, m, 'ML_DSA_SHAKE_256', mu.subarray(0, 32), 'EXTERNAL_MU')).toThrow(reason('DIGEST_LENGTH'));
  });
});

describe('SM2DSA signatures', () => {
  let m: KeyMaterial;
  beforeAll(async () => {
    m = await generateMaterial('SM2');
  });

  it('RAW signs SM3(ZA || M) with the default ID; DIGEST takes that value', () => {
    const e = messageDigest('SM2', m, 'SM2DSA', MESSAGE);
    expect(e).toHaveLength(32);
    const rawSig = sign('SM2', m, 'SM2DSA', MESSAGE, 'RAW');
    const digestSig = sign('SM2', m, 'SM2DSA', e, 'DIGEST');
    for (const sig of [rawSig, digestSig]) {
      expect(sig[0]).toBe(0x30);
      expect(verify('SM2', m, 'SM2DSA', MESSAGE, 'RAW', sig)).toBe(true);
      expect(verify('SM2', m, 'SM2DSA', e, 'DIGEST', sig)).toBe(true);
      expect(verify('SM2', m, 'SM2DSA', OTHER, 'RAW', sig)).toBe(false);
      expect(verify('SM2', m, 'SM2DSA', MESSAGE, 'RAW', tamper(sig))).toBe(false);
    }
    // Not plain SM3(M): the ZA prefix matters.
    expect(verify('SM2', m, 'SM2DSA', crypto.createHash('sm3').update(MESSAGE).digest(), 'DIGEST', rawSig)).toBe(false);
    expect(verify('SM2', m, 'SM2DSA', MESSAGE, 'RAW', Buffer.from('3006020101020101', 'hex'))).toBe(false);
    expect(verify('SM2', m, 'SM2DSA', MESSAGE, 'RAW', Buffer.from('zz'))).toBe(false);
    expect(() => sign('SM2', m, 'SM2DSA', Buffer.alloc(31), 'DIGEST')).toThrow(reason('DIGEST_LENGTH'));
  });

  requireTool('openssl')('interoperates with the OpenSSL CLI (distid 1234567812345678)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sm2-'));
    try {
      const pub = join(dir, 'pub.der');
      const msg = join(dir, 'msg');
      const sig = join(dir, 'sig');
      writeFileSync(pub, publicKeyDer('SM2', m));
      writeFileSync(msg, MESSAGE);
      writeFileSync(sig, sign('SM2', m, 'SM2DSA', MESSAGE, 'RAW'));
      const args = ['pkeyutl', '-verify', '-pubin', '-keyform', 'DER', '-inkey', pub, '-rawin', '-digest', 'sm3', '-in', msg, '-sigfile', sig];
      expect(execFileSync('openssl', [...args, '-pkeyopt', 'distid:1234567812345678']).toString()).toMatch(/Verified Successfully/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
