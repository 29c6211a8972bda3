import * as crypto from 'node:crypto';
import { generateMac, verifyMac } from '../../../../src/services/kms/crypto/mac';
import { generateMaterial, materialFromRaw } from '../../../../src/services/kms/crypto/keys';
import type { KeySpec, MacAlgorithm } from '../../../../src/services/kms/crypto/specs';

const reason = (r: string) => expect.objectContaining({ name: 'CryptoInputError', reason: r });

describe('HMAC', () => {
  it.each<[KeySpec, MacAlgorithm, string, number]>([
    ['HMAC_224', 'HMAC_SHA_224', 'sha224', 28],
    ['HMAC_256', 'HMAC_SHA_256', 'sha256', 32],
    ['HMAC_384', 'HMAC_SHA_384', 'sha384', 48],
    ['HMAC_512', 'HMAC_SHA_512', 'sha512', 64],
  ])('%s / %s', async (spec, alg, hash, len) => {
    const m = await generateMaterial(spec);
    const msg = Buffer.from('message');
    const mac = generateMac(spec, m, alg, msg);
    expect(mac).toHaveLength(len);
    expect(mac).toEqual(crypto.createHmac(hash, m.bytes).update(msg).digest());
    expect(verifyMac(spec, m, alg, msg, mac)).toBe(true);
    expect(verifyMac(spec, m, alg, Buffer.from('other'), mac)).toBe(false);
    const bad = Buffer.from(mac);
    bad[0] ^= 1;
    expect(verifyMac(spec, m, alg, msg, bad)).toBe(false);
    expect(verifyMac(spec, m, alg, msg, mac.subarray(1))).toBe(false);
    expect(verifyMac(spec, m, alg, msg, Buffer.alloc(0))).toBe(false);
  });

  it('RFC 4231 test case 2', () => {
    const m = materialFromRaw('HMAC_256', Buffer.concat([Buffer.from('Jefe'), Buffer.alloc(28)]));
    // Key padded to 32 bytes with zeros is the same HMAC key as "Jefe" (block-size zero padding).
    expect(generateMac('HMAC_256', m, 'HMAC_SHA_256', Buffer.from('what do ya want for nothing?')).toString('hex')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('rejects the wrong algorithm or key kind', async () => {
    const m = await generateMaterial('HMAC_256');
    expect(() => generateMac('HMAC_256', m, 'HMAC_SHA_384', Buffer.from('x'))).toThrow(reason('ALGORITHM_MISMATCH'));
    expect(() => generateMac('RSA_2048', m, 'HMAC_SHA_256', Buffer.from('x'))).toThrow(reason('ALGORITHM_MISMATCH'));
    expect(() => generateMac('HMAC_256', { kind: 'symmetric', bytes: m.bytes }, 'HMAC_SHA_256', Buffer.from('x'))).toThrow(reason('BAD_KEY_MATERIAL'));
  });
});
