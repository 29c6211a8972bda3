/**
 * The KMS key-spec table, as data: which key usages each KeySpec allows and, per usage,
 * the algorithm lists AWS reports in KeyMetadata. Plus per-algorithm parameters
 * (hash, digest length, allowed MessageTypes, plaintext limits).
 */
import { CryptoInputError } from './errors';

export const KEY_SPECS = [
  'SYMMETRIC_DEFAULT',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'ECC_NIST_P256',
  'ECC_NIST_P384',
  'ECC_NIST_P521',
  'ECC_SECG_P256K1',
  'ECC_NIST_EDWARDS25519',
  'HMAC_224',
  'HMAC_256',
  'HMAC_384',
  'HMAC_512',
  'ML_DSA_44',
  'ML_DSA_65',
  'ML_DSA_87',
  'ML_KEM_512',
  'ML_KEM_768',
  'ML_KEM_1024',
  'SM2',
] as const;
export type KeySpec = (typeof KEY_SPECS)[number];

export type KeyUsage = 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY' | 'GENERATE_VERIFY_MAC' | 'KEY_AGREEMENT' | 'ENCAPSULATE_DECAPSULATE';

export type EncryptionAlgorithm = 'SYMMETRIC_DEFAULT' | 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256' | 'SM2PKE';
export type SigningAlgorithm =
  | 'RSASSA_PSS_SHA_256'
  | 'RSASSA_PSS_SHA_384'
  | 'RSASSA_PSS_SHA_512'
  | 'RSASSA_PKCS1_V1_5_SHA_256'
  | 'RSASSA_PKCS1_V1_5_SHA_384'
  | 'RSASSA_PKCS1_V1_5_SHA_512'
  | 'ECDSA_SHA_256'
  | 'ECDSA_SHA_384'
  | 'ECDSA_SHA_512'
  | 'SM2DSA'
  | 'ML_DSA_SHAKE_256'
  | 'ED25519_SHA_512'
  | 'ED25519_PH_SHA_512';
export type MacAlgorithm = 'HMAC_SHA_224' | 'HMAC_SHA_256' | 'HMAC_SHA_384' | 'HMAC_SHA_512';
export type KeyAgreementAlgorithm = 'ECDH';
type EncapsulationAlgorithm = 'ML_KEM';
export type MessageType = 'RAW' | 'DIGEST' | 'EXTERNAL_MU';

export const DATA_KEY_PAIR_SPECS = [
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'ECC_NIST_P256',
  'ECC_NIST_P384',
  'ECC_NIST_P521',
  'ECC_SECG_P256K1',
  'SM2',
  'ECC_NIST_EDWARDS25519',
  'ML_KEM_512',
  'ML_KEM_768',
  'ML_KEM_1024',
] as const satisfies readonly KeySpec[];
export type DataKeyPairSpec = (typeof DATA_KEY_PAIR_SPECS)[number];

/** The algorithm-list fields of KeyMetadata. Only the lists relevant to the usage are present. */
export interface AlgorithmLists {
  EncryptionAlgorithms?: EncryptionAlgorithm[];
  SigningAlgorithms?: SigningAlgorithm[];
  MacAlgorithms?: MacAlgorithm[];
  KeyAgreementAlgorithms?: KeyAgreementAlgorithm[];
  EncapsulationAlgorithms?: EncapsulationAlgorithm[];
}

type KeyFamily = 'SYMMETRIC' | 'HMAC' | 'RSA' | 'EC' | 'ED25519' | 'ML_DSA' | 'ML_KEM' | 'SM2';
/** How the key material is stored; see keys.ts. */
export type MaterialKind = 'symmetric' | 'hmac' | 'asymmetric' | 'pqc';
/** node:crypto hash names used by the table. */
type HashName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512' | 'sm3' | 'shake256';

export interface KeySpecInfo {
  readonly spec: KeySpec;
  readonly family: KeyFamily;
  readonly materialKind: MaterialKind;
  /** Allowed KeyUsages, each with the KeyMetadata algorithm lists it yields. */
  readonly usages: Readonly<Partial<Record<KeyUsage, Readonly<AlgorithmLists>>>>;
  /** SM2 only: AWS offers it in the China Regions only; CreateKey elsewhere must fail. */
  readonly chinaRegionsOnly: boolean;
  /** Secret key length for SYMMETRIC_DEFAULT / HMAC_* (generated keys). */
  readonly keyBytes?: number;
  /** HMAC_*: inclusive byte-length range AWS accepts for imported key material. */
  readonly importKeyBytes?: readonly [number, number];
  /** RSA_*: modulus size. */
  readonly modulusBits?: number;
  /** EC / SM2: node:crypto curve name (as in KeyObject.asymmetricKeyDetails.namedCurve). */
  readonly namedCurve?: 'prime256v1' | 'secp384r1' | 'secp521r1' | 'secp256k1' | 'SM2';
  /** ML-DSA / ML-KEM: seed length and SPKI/PKCS#8 algorithm OID. */
  readonly seedBytes?: number;
  readonly oid?: string;
}

const RSA_ENCRYPTION: EncryptionAlgorithm[] = ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'];
const RSA_SIGNING: SigningAlgorithm[] = [
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
];

function rsa(spec: KeySpec, modulusBits: number): KeySpecInfo {
  return {
    spec,
    family: 'RSA',
    materialKind: 'asymmetric',
    usages: { ENCRYPT_DECRYPT: { EncryptionAlgorithms: RSA_ENCRYPTION }, SIGN_VERIFY: { SigningAlgorithms: RSA_SIGNING } },
    chinaRegionsOnly: false,
    modulusBits,
  };
}

function ecc(spec: KeySpec, namedCurve: NonNullable<KeySpecInfo['namedCurve']>, signing: SigningAlgorithm, agreement: boolean): KeySpecInfo {
  return {
    spec,
    family: 'EC',
    materialKind: 'asymmetric',
    usages: agreement
      ? { SIGN_VERIFY: { SigningAlgorithms: [signing] }, KEY_AGREEMENT: { KeyAgreementAlgorithms: ['ECDH'] } }
      : { SIGN_VERIFY: { SigningAlgorithms: [signing] } },
    chinaRegionsOnly: false,
    namedCurve,
  };
}

function hmac(spec: KeySpec, algorithm: MacAlgorithm, keyBytes: number, importKeyBytes: [number, number]): KeySpecInfo {
  return {
    spec,
    family: 'HMAC',
    materialKind: 'hmac',
    usages: { GENERATE_VERIFY_MAC: { MacAlgorithms: [algorithm] } },
    chinaRegionsOnly: false,
    keyBytes,
    importKeyBytes,
  };
}

function mlDsa(spec: KeySpec, oid: string): KeySpecInfo {
  return {
    spec,
    family: 'ML_DSA',
    materialKind: 'pqc',
    usages: { SIGN_VERIFY: { SigningAlgorithms: ['ML_DSA_SHAKE_256'] } },
    chinaRegionsOnly: false,
    seedBytes: 32,
    oid,
  };
}

function mlKem(spec: KeySpec, oid: string): KeySpecInfo {
  return {
    spec,
    family: 'ML_KEM',
    materialKind: 'pqc',
    usages: { ENCAPSULATE_DECAPSULATE: { EncapsulationAlgorithms: ['ML_KEM'] } },
    chinaRegionsOnly: false,
    seedBytes: 64,
    oid,
  };
}

export const KEY_SPEC_TABLE: Readonly<Record<KeySpec, KeySpecInfo>> = deepFreeze({
  SYMMETRIC_DEFAULT: {
    spec: 'SYMMETRIC_DEFAULT',
    family: 'SYMMETRIC',
    materialKind: 'symmetric',
    usages: { ENCRYPT_DECRYPT: { EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] } },
    chinaRegionsOnly: false,
    keyBytes: 32,
  },
  RSA_2048: rsa('RSA_2048', 2048),
  RSA_3072: rsa('RSA_3072', 3072),
  RSA_4096: rsa('RSA_4096', 4096),
  // AWS: KEY_AGREEMENT is offered for the NIST curves and SM2, not for secp256k1.
  ECC_NIST_P256: ecc('ECC_NIST_P256', 'prime256v1', 'ECDSA_SHA_256', true),
  ECC_NIST_P384: ecc('ECC_NIST_P384', 'secp384r1', 'ECDSA_SHA_384', true),
  ECC_NIST_P521: ecc('ECC_NIST_P521', 'secp521r1', 'ECDSA_SHA_512', true),
  ECC_SECG_P256K1: ecc('ECC_SECG_P256K1', 'secp256k1', 'ECDSA_SHA_256', false),
  ECC_NIST_EDWARDS25519: {
    spec: 'ECC_NIST_EDWARDS25519',
    family: 'ED25519',
    materialKind: 'asymmetric',
    usages: { SIGN_VERIFY: { SigningAlgorithms: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'] } },
    chinaRegionsOnly: false,
  },
  // Generated HMAC keys are as long as the digest; imported ones may be longer (AWS ranges).
  HMAC_224: hmac('HMAC_224', 'HMAC_SHA_224', 28, [28, 64]),
  HMAC_256: hmac('HMAC_256', 'HMAC_SHA_256', 32, [32, 64]),
  HMAC_384: hmac('HMAC_384', 'HMAC_SHA_384', 48, [48, 128]),
  HMAC_512: hmac('HMAC_512', 'HMAC_SHA_512', 64, [64, 128]),
  ML_DSA_44: mlDsa('ML_DSA_44', '2.16.840.1.101.3.4.3.17'),
  ML_DSA_65: mlDsa('ML_DSA_65', '2.16.840.1.101.3.4.3.18'),
  ML_DSA_87: mlDsa('ML_DSA_87', '2.16.840.1.101.3.4.3.19'),
  ML_KEM_512: mlKem('ML_KEM_512', '2.16.840.1.101.3.4.4.1'),
  ML_KEM_768: mlKem('ML_KEM_768', '2.16.840.1.101.3.4.4.2'),
  ML_KEM_1024: mlKem('ML_KEM_1024', '2.16.840.1.101.3.4.4.3'),
  SM2: {
    spec: 'SM2',
    family: 'SM2',
    materialKind: 'asymmetric',
    usages: {
      ENCRYPT_DECRYPT: { EncryptionAlgorithms: ['SM2PKE'] },
      SIGN_VERIFY: { SigningAlgorithms: ['SM2DSA'] },
      KEY_AGREEMENT: { KeyAgreementAlgorithms: ['ECDH'] },
    },
    chinaRegionsOnly: true,
    namedCurve: 'SM2',
  },
});

type SignatureScheme = 'RSA_PSS' | 'RSA_PKCS1' | 'ECDSA' | 'SM2DSA' | 'ED25519' | 'ED25519_PH' | 'ML_DSA';

export interface SigningAlgorithmInfo {
  readonly scheme: SignatureScheme;
  /** The message hash: RAW messages are hashed with it, DIGEST messages are its output. */
  readonly hash: HashName;
  /**
   * Required length of a DIGEST message (for ML_DSA_SHAKE_256: of an EXTERNAL_MU message,
   * the 64-byte mu). RSA-PSS salt length equals this too.
   */
  readonly digestLength: number;
  readonly messageTypes: readonly MessageType[];
}

export const SIGNING_ALGORITHMS: Readonly<Record<SigningAlgorithm, SigningAlgorithmInfo>> = deepFreeze({
  RSASSA_PSS_SHA_256: { scheme: 'RSA_PSS', hash: 'sha256', digestLength: 32, messageTypes: ['RAW', 'DIGEST'] },
  RSASSA_PSS_SHA_384: { scheme: 'RSA_PSS', hash: 'sha384', digestLength: 48, messageTypes: ['RAW', 'DIGEST'] },
  RSASSA_PSS_SHA_512: { scheme: 'RSA_PSS', hash: 'sha512', digestLength: 64, messageTypes: ['RAW', 'DIGEST'] },
  RSASSA_PKCS1_V1_5_SHA_256: { scheme: 'RSA_PKCS1', hash: 'sha256', digestLength: 32, messageTypes: ['RAW', 'DIGEST'] },
  RSASSA_PKCS1_V1_5_SHA_384: { scheme: 'RSA_PKCS1', hash: 'sha384', digestLength: 48, messageTypes: ['RAW', 'DIGEST'] },
  RSASSA_PKCS1_V1_5_SHA_512: { scheme: 'RSA_PKCS1', hash: 'sha512', digestLength: 64, messageTypes: ['RAW', 'DIGEST'] },
  ECDSA_SHA_256: { scheme: 'ECDSA', hash: 'sha256', digestLength: 32, messageTypes: ['RAW', 'DIGEST'] },
  ECDSA_SHA_384: { scheme: 'ECDSA', hash: 'sha384', digestLength: 48, messageTypes: ['RAW', 'DIGEST'] },
  ECDSA_SHA_512: { scheme: 'ECDSA', hash: 'sha512', digestLength: 64, messageTypes: ['RAW', 'DIGEST'] },
  // DIGEST for SM2DSA is e = SM3(ZA || M), computed by the caller (ZA with the default ID).
  SM2DSA: { scheme: 'SM2DSA', hash: 'sm3', digestLength: 32, messageTypes: ['RAW', 'DIGEST'] },
  ML_DSA_SHAKE_256: { scheme: 'ML_DSA', hash: 'shake256', digestLength: 64, messageTypes: ['RAW', 'EXTERNAL_MU'] },
  ED25519_SHA_512: { scheme: 'ED25519', hash: 'sha512', digestLength: 64, messageTypes: ['RAW'] },
  ED25519_PH_SHA_512: { scheme: 'ED25519_PH', hash: 'sha512', digestLength: 64, messageTypes: ['RAW', 'DIGEST'] },
});

export interface EncryptionAlgorithmInfo {
  /** OAEP hash (MGF1 uses the same hash). */
  readonly oaepHash?: 'sha1' | 'sha256';
  readonly hashLength?: number;
  /** Fixed plaintext limit (SYMMETRIC_DEFAULT 4096, SM2PKE 1024); RSA limits depend on the modulus. */
  readonly maxPlaintext?: number;
}

export const ENCRYPTION_ALGORITHMS: Readonly<Record<EncryptionAlgorithm, EncryptionAlgorithmInfo>> = deepFreeze({
  SYMMETRIC_DEFAULT: { maxPlaintext: 4096 },
  RSAES_OAEP_SHA_1: { oaepHash: 'sha1', hashLength: 20 },
  RSAES_OAEP_SHA_256: { oaepHash: 'sha256', hashLength: 32 },
  SM2PKE: { maxPlaintext: 1024 },
});

export interface MacAlgorithmInfo {
  readonly hash: 'sha224' | 'sha256' | 'sha384' | 'sha512';
  readonly macLength: number;
}

export const MAC_ALGORITHMS: Readonly<Record<MacAlgorithm, MacAlgorithmInfo>> = deepFreeze({
  HMAC_SHA_224: { hash: 'sha224', macLength: 28 },
  HMAC_SHA_256: { hash: 'sha256', macLength: 32 },
  HMAC_SHA_384: { hash: 'sha384', macLength: 48 },
  HMAC_SHA_512: { hash: 'sha512', macLength: 64 },
});

// ---------------------------------------------------------------------------------------------
// Lookups

export function isKeySpec(value: unknown): value is KeySpec {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(KEY_SPEC_TABLE, value);
}

export function isDataKeyPairSpec(value: unknown): value is DataKeyPairSpec {
  return typeof value === 'string' && (DATA_KEY_PAIR_SPECS as readonly string[]).includes(value);
}

export function keySpecInfo(spec: string): KeySpecInfo {
  if (!isKeySpec(spec)) throw new CryptoInputError('UNKNOWN_SPEC', `Unknown key spec ${spec}`);
  return KEY_SPEC_TABLE[spec];
}

export function allowedKeyUsages(spec: KeySpec): KeyUsage[] {
  return Object.keys(keySpecInfo(spec).usages) as KeyUsage[];
}

export function isUsageAllowed(spec: KeySpec, usage: KeyUsage): boolean {
  return Object.prototype.hasOwnProperty.call(keySpecInfo(spec).usages, usage);
}

/**
 * The KeyMetadata algorithm lists for a key of `spec` created with `usage`, as fresh arrays.
 * Throws USAGE_MISMATCH if the spec does not allow the usage.
 */
export function algorithmsFor(spec: KeySpec, usage: KeyUsage): AlgorithmLists {
  const lists = keySpecInfo(spec).usages[usage];
  if (!lists) throw new CryptoInputError('USAGE_MISMATCH', `Key spec ${spec} does not support key usage ${usage}`);
  const out: AlgorithmLists = {};
  for (const [k, v] of Object.entries(lists)) (out as Record<string, unknown>)[k] = [...(v as string[])];
  return out;
}

function listFor(spec: KeySpec, field: keyof AlgorithmLists): readonly string[] {
  for (const lists of Object.values(keySpecInfo(spec).usages)) {
    const list = lists?.[field];
    if (list) return list;
  }
  return [];
}

export function signingAlgorithmsFor(spec: KeySpec): readonly SigningAlgorithm[] {
  return listFor(spec, 'SigningAlgorithms') as SigningAlgorithm[];
}
export function encryptionAlgorithmsFor(spec: KeySpec): readonly EncryptionAlgorithm[] {
  return listFor(spec, 'EncryptionAlgorithms') as EncryptionAlgorithm[];
}
export function macAlgorithmsFor(spec: KeySpec): readonly MacAlgorithm[] {
  return listFor(spec, 'MacAlgorithms') as MacAlgorithm[];
}
export function keyAgreementAlgorithmsFor(spec: KeySpec): readonly KeyAgreementAlgorithm[] {
  return listFor(spec, 'KeyAgreementAlgorithms') as KeyAgreementAlgorithm[];
}

export function signingAlgorithmInfo(algorithm: string): SigningAlgorithmInfo {
  if (!Object.prototype.hasOwnProperty.call(SIGNING_ALGORITHMS, algorithm)) {
    throw new CryptoInputError('UNKNOWN_SPEC', `Unknown signing algorithm ${algorithm}`);
  }
  return SIGNING_ALGORITHMS[algorithm as SigningAlgorithm];
}

/**
 * Maximum plaintext length for Encrypt with this key spec and algorithm.
 * RSAES-OAEP: modulusBytes − 2·hashLen − 2 (RSA_2048: 214 / 190, RSA_3072: 342 / 318,
 * RSA_4096: 470 / 446 for OAEP_SHA_1 / OAEP_SHA_256).
 */
export function maxPlaintextLength(spec: KeySpec, algorithm: EncryptionAlgorithm): number {
  if (!encryptionAlgorithmsFor(spec).includes(algorithm)) {
    throw new CryptoInputError('ALGORITHM_MISMATCH', `Encryption algorithm ${algorithm} is not valid for key spec ${spec}`);
  }
  const alg = ENCRYPTION_ALGORITHMS[algorithm];
  if (alg.maxPlaintext !== undefined) return alg.maxPlaintext;
  const modulusBytes = keySpecInfo(spec).modulusBits! / 8;
  return modulusBytes - 2 * alg.hashLength! - 2;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
