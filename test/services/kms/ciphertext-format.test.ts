// The symmetric ciphertext envelope is what a data dir holds: a blob sealed by an earlier version
// of Strongroom must still open, bound to the same encryption context (src/services/kms/ciphertext.ts).
import { createSecretKey } from 'node:crypto';
import { openSymmetric, parseCiphertext, sealSymmetric } from '../../../src/services/kms/ciphertext';

// Sealed before the AAD was written into one buffer (commit 64a9439), with this key and context.
const KEY = createSecretKey(Buffer.alloc(32, 7));
const CONTEXT = { b: 'zwei 中', a: 'eins 😀', 'c é': '' };
const BLOB = Buffer.from(
  'ATExMTEyMjIyMzMzMwlldS13ZXN0LTEAEjSrzRKrNM1W7xI0VniQq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urxL6DBIa1oRFwijVrL0awzwdEVYqcASPKqlRoRu5x/PdVYuQQM9DbR+PE9Ydwl/wFK70ya3an2x8Kj2GJ4w==',
  'base64',
);

describe('the symmetric ciphertext format', () => {
  it('opens a blob an earlier version sealed, and reads its header', () => {
    const parsed = parseCiphertext(BLOB)!;
    expect(parsed.header).toEqual({ accountId: '111122223333', region: 'eu-west-1', keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', materialId: 'ab'.repeat(32) });
    expect(openSymmetric(KEY, parsed, CONTEXT)?.toString('utf8')).toBe('the plaintext of an older version');
    // The context's order does not matter; its entries do.
    expect(openSymmetric(KEY, parsed, { 'c é': '', a: 'eins 😀', b: 'zwei 中' })?.toString('utf8')).toBe('the plaintext of an older version');
  });

  it('does not open it with another context or none', () => {
    const parsed = parseCiphertext(BLOB)!;
    expect(openSymmetric(KEY, parsed, { ...CONTEXT, b: 'zwei' })).toBeUndefined();
    expect(openSymmetric(KEY, parsed, { a: 'eins 😀', b: 'zwei 中' })).toBeUndefined();
    expect(openSymmetric(KEY, parsed, { ab: '', 'c é': '', b: 'zwei 中' })).toBeUndefined();
    expect(openSymmetric(KEY, parsed, undefined)).toBeUndefined();
  });

  describe('kept openings of small plaintexts', () => {
    const header = { accountId: '111122223333', region: 'eu-west-1', keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', materialId: 'cd'.repeat(32) };
    const dataKey = Buffer.alloc(32, 9);
    const sealed = () => parseCiphertext(sealSymmetric(KEY, header, dataKey, CONTEXT))!;

    it('hand out a copy each time: a caller zeroing what it got changes nothing kept', () => {
      const parsed = sealed();
      const first = openSymmetric(KEY, parsed, CONTEXT)!;
      first.fill(0);
      const second = openSymmetric(KEY, parsed, CONTEXT)!;
      expect(second).toEqual(dataKey);
      expect(second).not.toBe(first);
    });

    it('answer only the same key, context and bytes', () => {
      const parsed = sealed();
      expect(openSymmetric(KEY, parsed, CONTEXT)).toEqual(dataKey);
      // Another key object of other material, another context, a flipped bit of the nonce, tag or body.
      expect(openSymmetric(createSecretKey(Buffer.alloc(32, 8)), parsed, CONTEXT)).toBeUndefined();
      expect(openSymmetric(KEY, parsed, { ...CONTEXT, b: 'zwei' })).toBeUndefined();
      const blob = Buffer.concat([parsed.headerBytes, parsed.sealed]);
      for (const at of [parsed.headerBytes.length, blob.length - 33, blob.length - 1]) {
        const flipped = Buffer.from(blob);
        flipped[at] ^= 1;
        expect(openSymmetric(KEY, parseCiphertext(flipped)!, CONTEXT)).toBeUndefined();
      }
      expect(openSymmetric(KEY, parsed, CONTEXT)).toEqual(dataKey);
    });
  });
});
