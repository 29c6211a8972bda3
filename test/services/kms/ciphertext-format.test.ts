// The symmetric ciphertext envelope is what a data dir holds: a blob sealed by an earlier version
// of Strongroom must still open, bound to the same encryption context (src/services/kms/ciphertext.ts).
import { openSymmetric, parseCiphertext } from '../../../src/services/kms/ciphertext';

// Sealed before the AAD was written into one buffer (commit 64a9439), with this key and context.
const KEY = Buffer.alloc(32, 7);
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
});
