import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import { decapsulate, encapsulate, encapsulateToPublicKey } from '../../../../src/services/kms/crypto/kem';
import { generateMaterial, materialFromRaw, publicKeyDer } from '../../../../src/services/kms/crypto/keys';

const reason = (r: string) => expect.objectContaining({ name: 'CryptoInputError', reason: r });

describe('ML-KEM', () => {
  it.each([
    ['ML_KEM_512', ml_kem512],
    ['ML_KEM_768', ml_kem768],
    ['ML_KEM_1024', ml_kem1024],
  ] as const)('%s round-trips', async (spec, impl) => {
    const m = await generateMaterial(spec);
    const { sharedSecret, ciphertext } = encapsulate(spec, m);
    expect(sharedSecret).toHaveLength(32);
    expect(ciphertext).toHaveLength(impl.lengths.cipherText!);
    expect(decapsulate(spec, m, ciphertext)).toEqual(sharedSecret);

    // Encapsulating offline to the SPKI public key (as a client would after GetPublicKey).
    const spki = publicKeyDer(spec, m);
    const offline = encapsulateToPublicKey(spec, spki);
    expect(decapsulate(spec, m, offline.ciphertext)).toEqual(offline.sharedSecret);
    const byNoble = impl.encapsulate(spki.subarray(-impl.lengths.publicKey!));
    expect(decapsulate(spec, m, byNoble.cipherText)).toEqual(Buffer.from(byNoble.sharedSecret));

    // Implicit rejection: a corrupted ciphertext gives another secret, not an error.
    const bad = Buffer.from(ciphertext);
    bad[0] ^= 1;
    expect(decapsulate(spec, m, bad)).not.toEqual(sharedSecret);
    expect(() => decapsulate(spec, m, ciphertext.subarray(1))).toThrow(reason('BAD_CIPHERTEXT'));
    expect(() => decapsulate(spec, m, Buffer.alloc(0))).toThrow(reason('BAD_CIPHERTEXT'));
  });

  it('is deterministic in the seed', () => {
    const seed = Buffer.alloc(64, 9);
    const a = materialFromRaw('ML_KEM_768', seed);
    const b = materialFromRaw('ML_KEM_768', Buffer.from(seed));
    const { sharedSecret, ciphertext } = encapsulate('ML_KEM_768', a);
    expect(decapsulate('ML_KEM_768', b, ciphertext)).toEqual(sharedSecret);
  });

  it('rejects a public key of another parameter set and non-KEM specs', async () => {
    const spki512 = publicKeyDer('ML_KEM_512', await generateMaterial('ML_KEM_512'));
    expect(() => encapsulateToPublicKey('ML_KEM_768', spki512)).toThrow(reason('BAD_PUBLIC_KEY'));
    expect(() => encapsulateToPublicKey('ML_KEM_512', Buffer.from('junk'))).toThrow(reason('BAD_PUBLIC_KEY'));
    const dsa44 = await generateMaterial('ML_DSA_44');
    expect(() => encapsulate('ML_DSA_44', dsa44)).toThrow(reason('ALGORITHM_MISMATCH'));
  });
});
