import {
  KEY_SPECS,
  KEY_SPEC_TABLE,
  SIGNING_ALGORITHMS,
  algorithmsFor,
  allowedKeyUsages,
  isKeySpec,
  keySpecInfo,
  maxPlaintextLength,
  type KeySpec,
} from '../../../../src/services/kms/crypto/specs';
import { CryptoInputError } from '../../../../src/services/kms/crypto/errors';

const RSA_SIGN = [
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
];

describe('key spec table', () => {
  it('covers every KMS KeySpec', () => {
    expect([...KEY_SPECS].sort()).toEqual(Object.keys(KEY_SPEC_TABLE).sort());
    expect(KEY_SPECS).toHaveLength(20);
    expect(isKeySpec('RSA_2048')).toBe(true);
    expect(isKeySpec('RSA_1024')).toBe(false);
    expect(() => keySpecInfo('NOPE')).toThrow(CryptoInputError);
  });

  it.each<[KeySpec, string[]]>([
    ['SYMMETRIC_DEFAULT', ['ENCRYPT_DECRYPT']],
    ['RSA_2048', ['ENCRYPT_DECRYPT', 'SIGN_VERIFY']],
    ['RSA_4096', ['ENCRYPT_DECRYPT', 'SIGN_VERIFY']],
    ['ECC_NIST_P256', ['SIGN_VERIFY', 'KEY_AGREEMENT']],
    ['ECC_NIST_P384', ['SIGN_VERIFY', 'KEY_AGREEMENT']],
    ['ECC_NIST_P521', ['SIGN_VERIFY', 'KEY_AGREEMENT']],
    ['ECC_SECG_P256K1', ['SIGN_VERIFY']],
    ['ECC_NIST_EDWARDS25519', ['SIGN_VERIFY']],
    ['HMAC_224', ['GENERATE_VERIFY_MAC']],
    ['ML_DSA_65', ['SIGN_VERIFY']],
    ['ML_KEM_768', ['ENCAPSULATE_DECAPSULATE']],
    ['SM2', ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'KEY_AGREEMENT']],
  ])('%s allows %j', (spec, usages) => {
    expect(allowedKeyUsages(spec).sort()).toEqual([...usages].sort());
  });

  it('reports the KeyMetadata algorithm lists', () => {
    expect(algorithmsFor('SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT')).toEqual({ EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] });
    expect(algorithmsFor('RSA_3072', 'ENCRYPT_DECRYPT')).toEqual({ EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] });
    expect(algorithmsFor('RSA_3072', 'SIGN_VERIFY')).toEqual({ SigningAlgorithms: RSA_SIGN });
    expect(algorithmsFor('ECC_NIST_P256', 'SIGN_VERIFY')).toEqual({ SigningAlgorithms: ['ECDSA_SHA_256'] });
    expect(algorithmsFor('ECC_SECG_P256K1', 'SIGN_VERIFY')).toEqual({ SigningAlgorithms: ['ECDSA_SHA_256'] });
    expect(algorithmsFor('ECC_NIST_P384', 'SIGN_VERIFY')).toEqual({ SigningAlgorithms: ['ECDSA_SHA_384'] });
    expect(algorithmsFor('ECC_NIST_P521', 'SIGN_VERIFY')).toEqual({ SigningAlgorithms: ['ECDSA_SHA_512'] });
    expect(algorithmsFor('ECC_NIST_P521', 'KEY_AGREEMENT')).toEqual({ KeyAgreementAlgorithms: ['ECDH'] });
    expect(algorithmsFor('ECC_NIST_EDWARDS25519', 'SIGN_VERIFY')).toEqual({ SigningAlgorithms: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'] });
    expect(algorithmsFor('HMAC_384', 'GENERATE_VERIFY_MAC')).toEqual({ MacAlgorithms: ['HMAC_SHA_384'] });
    expect(algorithmsFor('ML_DSA_87', 'SIGN_VERIFY')).toEqual({ SigningAlgorithms: ['ML_DSA_SHAKE_256'] });
    expect(algorithmsFor('ML_KEM_512', 'ENCAPSULATE_DECAPSULATE')).toEqual({ EncapsulationAlgorithms: ['ML_KEM'] });
    expect(algorithmsFor('SM2', 'SIGN_VERIFY')).toEqual({ SigningAlgorithms: ['SM2DSA'] });
    expect(algorithmsFor('SM2', 'ENCRYPT_DECRYPT')).toEqual({ EncryptionAlgorithms: ['SM2PKE'] });
    expect(algorithmsFor('SM2', 'KEY_AGREEMENT')).toEqual({ KeyAgreementAlgorithms: ['ECDH'] });
  });

  it('returns fresh arrays and rejects usages the spec lacks', () => {
    const lists = algorithmsFor('RSA_2048', 'SIGN_VERIFY');
    lists.SigningAlgorithms!.push('SM2DSA');
    expect(algorithmsFor('RSA_2048', 'SIGN_VERIFY').SigningAlgorithms).toEqual(RSA_SIGN);
    expect(() => algorithmsFor('ECC_SECG_P256K1', 'KEY_AGREEMENT')).toThrow(expect.objectContaining({ reason: 'USAGE_MISMATCH' }));
    expect(() => algorithmsFor('HMAC_256', 'ENCRYPT_DECRYPT')).toThrow(expect.objectContaining({ reason: 'USAGE_MISMATCH' }));
  });

  it('flags SM2 as China-Regions-only', () => {
    expect(KEY_SPECS.filter((s) => KEY_SPEC_TABLE[s].chinaRegionsOnly)).toEqual(['SM2']);
  });

  it('gives digest lengths per signing algorithm', () => {
    expect(SIGNING_ALGORITHMS.RSASSA_PSS_SHA_384).toMatchObject({ hash: 'sha384', digestLength: 48 });
    expect(SIGNING_ALGORITHMS.ECDSA_SHA_512).toMatchObject({ hash: 'sha512', digestLength: 64 });
    expect(SIGNING_ALGORITHMS.ED25519_SHA_512.messageTypes).toEqual(['RAW']);
    expect(SIGNING_ALGORITHMS.ED25519_PH_SHA_512.messageTypes).toEqual(['RAW', 'DIGEST']);
    expect(SIGNING_ALGORITHMS.ML_DSA_SHAKE_256.messageTypes).toEqual(['RAW', 'EXTERNAL_MU']);
  });

  it('computes the RSA-OAEP plaintext limits', () => {
    expect(maxPlaintextLength('RSA_2048', 'RSAES_OAEP_SHA_1')).toBe(214);
    expect(maxPlaintextLength('RSA_2048', 'RSAES_OAEP_SHA_256')).toBe(190);
    expect(maxPlaintextLength('RSA_3072', 'RSAES_OAEP_SHA_1')).toBe(342);
    expect(maxPlaintextLength('RSA_3072', 'RSAES_OAEP_SHA_256')).toBe(318);
    expect(maxPlaintextLength('RSA_4096', 'RSAES_OAEP_SHA_1')).toBe(470);
    expect(maxPlaintextLength('RSA_4096', 'RSAES_OAEP_SHA_256')).toBe(446);
    expect(maxPlaintextLength('SM2', 'SM2PKE')).toBe(1024);
    expect(maxPlaintextLength('SYMMETRIC_DEFAULT', 'SYMMETRIC_DEFAULT')).toBe(4096);
    expect(() => maxPlaintextLength('RSA_2048', 'SM2PKE')).toThrow(expect.objectContaining({ reason: 'ALGORITHM_MISMATCH' }));
  });

  it('is frozen', () => {
    expect(Object.isFrozen(KEY_SPEC_TABLE.RSA_2048.usages.SIGN_VERIFY!.SigningAlgorithms)).toBe(true);
  });
});
