import * as crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asymmetricDecrypt, asymmetricEncrypt } from '../../../../src/services/kms/crypto/asymmetric-encrypt';
import { generateMaterial, publicKeyDer, type KeyMaterial } from '../../../../src/services/kms/crypto/keys';
import type { EncryptionAlgorithm, KeySpec } from '../../../../src/services/kms/crypto/specs';
import { requireTool } from '../../../helpers/tools';

const reason = (r: string) => expect.objectContaining({ name: 'CryptoInputError', reason: r });
const OAEP_HASH = { RSAES_OAEP_SHA_1: 'sha1', RSAES_OAEP_SHA_256: 'sha256' } as const;

function offlineEncrypt(spec: KeySpec, m: KeyMaterial, alg: keyof typeof OAEP_HASH, data: Buffer): Buffer {
  const key = crypto.createPublicKey({ key: publicKeyDer(spec, m), format: 'der', type: 'spki' });
  return crypto.publicEncrypt({ key, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP_HASH[alg] }, data);
}

describe('RSAES-OAEP', () => {
  let rsa2048: KeyMaterial;
  // Generated once for the file; RSA-4096 generation is slow.
  let rsa4096: KeyMaterial;
  beforeAll(async () => {
    [rsa2048, rsa4096] = await Promise.all([generateMaterial('RSA_2048'), generateMaterial('RSA_4096')]);
  });

  it.each(['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] as const)('%s: data encrypted offline with the SPKI decrypts', (alg) => {
    const plaintext = Buffer.from('offline secret');
    const ct = offlineEncrypt('RSA_2048', rsa2048, alg, plaintext);
    expect(asymmetricDecrypt('RSA_2048', rsa2048, alg, ct)).toEqual(plaintext);
    // and our ciphertext decrypts with node:crypto's private key
    const ours = asymmetricEncrypt('RSA_2048', rsa2048, alg, plaintext);
    const key = crypto.createPrivateKey({ key: rsa2048.bytes, format: 'der', type: 'pkcs8' });
    expect(crypto.privateDecrypt({ key, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP_HASH[alg] }, ours)).toEqual(plaintext);
    expect(asymmetricDecrypt('RSA_2048', rsa2048, alg, ours)).toEqual(plaintext);
    expect(asymmetricDecrypt('RSA_2048', rsa2048, alg, asymmetricEncrypt('RSA_2048', rsa2048, alg, Buffer.alloc(0)))).toEqual(Buffer.alloc(0));
  });

  it.each<[KeySpec, EncryptionAlgorithm, number]>([
    ['RSA_2048', 'RSAES_OAEP_SHA_1', 214],
    ['RSA_2048', 'RSAES_OAEP_SHA_256', 190],
    ['RSA_4096', 'RSAES_OAEP_SHA_1', 470],
    ['RSA_4096', 'RSAES_OAEP_SHA_256', 446],
  ])('%s %s: %d bytes is the limit', (spec, alg, limit) => {
    const m = spec === 'RSA_2048' ? rsa2048 : rsa4096;
    const max = crypto.randomBytes(limit);
    expect(asymmetricDecrypt(spec, m, alg, asymmetricEncrypt(spec, m, alg, max))).toEqual(max);
    expect(() => asymmetricEncrypt(spec, m, alg, Buffer.alloc(limit + 1))).toThrow(
      expect.objectContaining({ reason: 'PLAINTEXT_TOO_LARGE', details: expect.objectContaining({ limit }) }),
    );
  });

  it('fails to decrypt with the wrong algorithm, wrong key, or corrupt ciphertext', async () => {
    const ct = asymmetricEncrypt('RSA_2048', rsa2048, 'RSAES_OAEP_SHA_256', Buffer.from('x'));
    expect(() => asymmetricDecrypt('RSA_2048', rsa2048, 'RSAES_OAEP_SHA_1', ct)).toThrow(reason('DECRYPT_FAILED'));
    const other = await generateMaterial('RSA_2048');
    expect(() => asymmetricDecrypt('RSA_2048', other, 'RSAES_OAEP_SHA_256', ct)).toThrow(reason('DECRYPT_FAILED'));
    const bad = Buffer.from(ct);
    bad[10] ^= 1;
    expect(() => asymmetricDecrypt('RSA_2048', rsa2048, 'RSAES_OAEP_SHA_256', bad)).toThrow(reason('DECRYPT_FAILED'));
    expect(() => asymmetricDecrypt('RSA_2048', rsa2048, 'RSAES_OAEP_SHA_256', ct.subarray(1))).toThrow(reason('DECRYPT_FAILED'));
    expect(() => asymmetricDecrypt('RSA_2048', rsa2048, 'RSAES_OAEP_SHA_256', Buffer.alloc(256, 0xff))).toThrow(reason('DECRYPT_FAILED'));
  });

  it('rejects algorithms the key spec does not have', async () => {
    expect(() => asymmetricEncrypt('RSA_2048', rsa2048, 'SM2PKE', Buffer.from('x'))).toThrow(reason('ALGORITHM_MISMATCH'));
    expect(() => asymmetricEncrypt('RSA_2048', rsa2048, 'SYMMETRIC_DEFAULT', Buffer.from('x'))).toThrow(reason('ALGORITHM_MISMATCH'));
    const p256 = await generateMaterial('ECC_NIST_P256');
    expect(() => asymmetricEncrypt('ECC_NIST_P256', p256, 'RSAES_OAEP_SHA_256', Buffer.from('x'))).toThrow(reason('ALGORITHM_MISMATCH'));
  });
});

describe('SM2PKE', () => {
  let sm2: KeyMaterial;
  beforeAll(async () => {
    sm2 = await generateMaterial('SM2');
  });

  it('round-trips, up to 1024 bytes', () => {
    for (const len of [0, 1, 32, 33, 1024]) {
      const pt = crypto.randomBytes(len);
      const ct = asymmetricEncrypt('SM2', sm2, 'SM2PKE', pt);
      expect(ct[0]).toBe(0x30); // GM/T 0009 DER SEQUENCE
      expect(asymmetricDecrypt('SM2', sm2, 'SM2PKE', ct)).toEqual(pt);
    }
    expect(() => asymmetricEncrypt('SM2', sm2, 'SM2PKE', Buffer.alloc(1025))).toThrow(
      expect.objectContaining({ reason: 'PLAINTEXT_TOO_LARGE', details: expect.objectContaining({ limit: 1024 }) }),
    );
  });

  it('rejects tampered ciphertext and other keys', async () => {
    const ct = asymmetricEncrypt('SM2', sm2, 'SM2PKE', Buffer.from('hello'));
    const bad = Buffer.from(ct);
    bad[bad.length - 1] ^= 1;
    expect(() => asymmetricDecrypt('SM2', sm2, 'SM2PKE', bad)).toThrow(reason('DECRYPT_FAILED'));
    const other = await generateMaterial('SM2');
    expect(() => asymmetricDecrypt('SM2', other, 'SM2PKE', ct)).toThrow(reason('DECRYPT_FAILED'));
    expect(() => asymmetricDecrypt('SM2', sm2, 'SM2PKE', Buffer.from('junk'))).toThrow(reason('DECRYPT_FAILED'));
  });

  requireTool('openssl')('interoperates with the OpenSSL CLI in both directions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sm2pke-'));
    try {
      const pub = join(dir, 'pub.der');
      writeFileSync(pub, publicKeyDer('SM2', sm2));
      writeFileSync(join(dir, 'pt'), 'offline plaintext');
      execFileSync('openssl', ['pkeyutl', '-encrypt', '-pubin', '-keyform', 'DER', '-inkey', pub, '-in', join(dir, 'pt'), '-out', join(dir, 'ct')]);
      expect(asymmetricDecrypt('SM2', sm2, 'SM2PKE', readFileSync(join(dir, 'ct'))).toString()).toBe('offline plaintext');

      const key = join(dir, 'key.der');
      writeFileSync(key, sm2.bytes);
      writeFileSync(join(dir, 'ct2'), asymmetricEncrypt('SM2', sm2, 'SM2PKE', Buffer.from('from strongroom')));
      const out = execFileSync('openssl', ['pkeyutl', '-decrypt', '-keyform', 'DER', '-inkey', key, '-in', join(dir, 'ct2')]);
      expect(out.toString()).toBe('from strongroom');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
