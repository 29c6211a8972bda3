/**
 * Key material: generation, import (raw / DER / PEM), public keys (DER SPKI) and the parsed
 * forms the other modules use. Material is plain data so it can be stored and reloaded:
 *
 *  - symmetric: the 32-byte AES key
 *  - hmac:      the HMAC key
 *  - asymmetric (RSA, EC, Ed25519, SM2): PKCS#8 DER of the private key
 *  - pqc (ML-DSA, ML-KEM): the FIPS 204 / FIPS 203 key-generation seed (32 / 64 bytes)
 */
import { createPrivateKey, createPublicKey, generateKeyPair, randomBytes, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { CryptoInputError, asBuffer } from './errors';
import * as der from './der';
import { mlDsa, mlKem } from './noble';
import { Slots } from './slots';
import { sm2ParsePrivateKey, sm2PrivateKeyPkcs8, sm2PublicKeySpki, sm2PublicPoint, sm2RandomPrivateScalar } from './sm2';
import { keySpecInfo, type KeySpec, type KeySpecInfo, type MaterialKind } from './specs';

export interface KeyMaterial {
  kind: MaterialKind;
  bytes: Buffer;
}

/** Byte length of a private scalar / coordinate on each supported Weierstrass curve. */
const EC_FIELD_BYTES: Record<string, number> = { prime256v1: 32, secp384r1: 48, secp521r1: 66, secp256k1: 32, SM2: 32 };

function badMaterial(spec: KeySpec, why: string): CryptoInputError {
  return new CryptoInputError('BAD_KEY_MATERIAL', `Invalid key material for ${spec}: ${why}`);
}

// ---------------------------------------------------------------------------------------------
// Generation
//
// RSA keys take 0.2 s (2048) to over a second (4096) of CPU to generate, so node:crypto makes
// them (and EC / Ed25519 keys, 0.1–1.5 ms) in libuv's thread pool, off the event loop. The
// others are quick on the event loop: random bytes, or one SM2 point multiplication (~0.6 ms).

const generateKeyPairAsync = promisify(generateKeyPair);

/**
 * libuv's pool (UV_THREADPOOL_SIZE, 4 threads by default) also runs LevelDB's reads and writes:
 * RSA generation gets at most half of it, so a burst of CreateKey calls never stalls the store.
 */
const rsaSlots = new Slots(Math.max(1, Math.floor((Number(process.env.UV_THREADPOOL_SIZE) || 4) / 2)));

export async function generateMaterial(spec: KeySpec): Promise<KeyMaterial> {
  const info = keySpecInfo(spec);
  switch (info.family) {
    case 'SYMMETRIC':
      return { kind: 'symmetric', bytes: randomBytes(info.keyBytes!) };
    case 'HMAC':
      return { kind: 'hmac', bytes: randomBytes(info.keyBytes!) };
    case 'ML_DSA':
    case 'ML_KEM':
      return { kind: 'pqc', bytes: randomBytes(info.seedBytes!) };
    case 'SM2': {
      const ecScalar = sm2RandomPrivateScalar();
      const ecPoint = sm2PublicPoint(ecScalar);
      const bytes = sm2PrivateKeyPkcs8(ecScalar, ecPoint);
      // A data key pair needs the point again at once: keep it rather than multiply twice more.
      cache.set(bytes, { spec, ecScalar, ecPoint });
      return { kind: 'asymmetric', bytes };
    }
    case 'RSA':
    case 'EC':
    case 'ED25519': {
      const { privateKey } = await generateClassical(info);
      const bytes = privateKey.export({ format: 'der', type: 'pkcs8' });
      cache.set(bytes, { spec, privateKey });
      return { kind: 'asymmetric', bytes };
    }
  }
}

function generateClassical(info: KeySpecInfo): Promise<{ privateKey: KeyObject }> {
  switch (info.family) {
    case 'RSA':
      return rsaSlots.run(() => generateKeyPairAsync('rsa', { modulusLength: info.modulusBits!, publicExponent: 0x10001 }));
    case 'ED25519':
      return generateKeyPairAsync('ed25519');
    default:
      return generateKeyPairAsync('ec', { namedCurve: info.namedCurve! });
  }
}

// ---------------------------------------------------------------------------------------------
// Import

/**
 * Raw bytes: the AES key (exactly 32 bytes), an HMAC key (AWS import ranges: HMAC_224 28–64,
 * HMAC_256 32–64, HMAC_384 48–128, HMAC_512 64–128 bytes), or an ML-DSA (32-byte) / ML-KEM
 * (64-byte) seed. Asymmetric classical keys must come as DER or PEM.
 */
export function materialFromRaw(spec: KeySpec, input: Uint8Array): KeyMaterial {
  const info = keySpecInfo(spec);
  const bytes = Buffer.from(asBuffer(input, 'key material'));
  switch (info.family) {
    case 'SYMMETRIC':
      if (bytes.length !== info.keyBytes) throw badMaterial(spec, `expected ${info.keyBytes} bytes, got ${bytes.length}`);
      return { kind: 'symmetric', bytes };
    case 'HMAC': {
      const [min, max] = info.importKeyBytes!;
      if (bytes.length < min || bytes.length > max) throw badMaterial(spec, `expected ${min} to ${max} bytes, got ${bytes.length}`);
      return { kind: 'hmac', bytes };
    }
    case 'ML_DSA':
    case 'ML_KEM':
      if (bytes.length !== info.seedBytes) throw badMaterial(spec, `expected a ${info.seedBytes}-byte seed, got ${bytes.length} bytes`);
      return { kind: 'pqc', bytes };
    default:
      throw badMaterial(spec, 'asymmetric keys must be given as a DER or PEM private key');
  }
}

/**
 * A DER private key. RSA: PKCS#8 or PKCS#1; EC/SM2: PKCS#8 or SEC1; Ed25519: PKCS#8;
 * ML-DSA / ML-KEM: PKCS#8 in the IETF "seed" or "both" form (the seed is kept).
 * The key must really be of `spec` (curve, modulus size, type).
 */
export function materialFromDer(spec: KeySpec, input: Uint8Array): KeyMaterial {
  const info = keySpecInfo(spec);
  const input_ = asBuffer(input, 'DER key');
  switch (info.family) {
    case 'SYMMETRIC':
    case 'HMAC':
      throw badMaterial(spec, 'symmetric and HMAC keys are raw bytes, not DER');
    case 'ML_DSA':
    case 'ML_KEM':
      return { kind: 'pqc', bytes: seedFromPqcPkcs8(spec, info, input_) };
    case 'SM2': {
      let d: Buffer;
      try {
        d = sm2ParsePrivateKey(input_);
      } catch (err) {
        throw badMaterial(spec, (err as Error).message);
      }
      return { kind: 'asymmetric', bytes: sm2PrivateKeyPkcs8(d) };
    }
    default: {
      const types: ('pkcs8' | 'pkcs1' | 'sec1')[] =
        info.family === 'RSA' ? ['pkcs8', 'pkcs1'] : info.family === 'ED25519' ? ['pkcs8'] : ['pkcs8', 'sec1'];
      for (const type of types) {
        let key: KeyObject;
        try {
          key = createPrivateKey({ key: input_, format: 'der', type });
        } catch {
          continue;
        }
        return classicalMaterial(spec, info, key);
      }
      throw badMaterial(spec, 'not a parsable DER private key');
    }
  }
}

/** A PEM private key (any of the DER forms above, PEM-armoured). */
export function materialFromPem(spec: KeySpec, input: string | Uint8Array): KeyMaterial {
  const info = keySpecInfo(spec);
  const pem = typeof input === 'string' ? input : asBuffer(input, 'PEM key').toString('utf8');
  switch (info.family) {
    case 'SYMMETRIC':
    case 'HMAC':
      throw badMaterial(spec, 'symmetric and HMAC keys are raw bytes, not PEM');
    case 'ML_DSA':
    case 'ML_KEM':
    case 'SM2': {
      // Parsed here, not by node:crypto (see sm2.ts; node:crypto does not know ML-DSA/ML-KEM).
      const labels = info.family === 'SM2' ? 'PRIVATE KEY|EC PRIVATE KEY' : 'PRIVATE KEY';
      const m = new RegExp(`-----BEGIN (${labels})-----([A-Za-z0-9+/=\\s]+)-----END \\1-----`).exec(pem);
      if (!m) throw badMaterial(spec, `expected a PEM ${labels.split('|').map((l) => `"${l}"`).join(' or ')} block`);
      return materialFromDer(spec, Buffer.from(m[2].replace(/\s+/g, ''), 'base64'));
    }
    default: {
      let key: KeyObject;
      try {
        key = createPrivateKey({ key: pem, format: 'pem' });
      } catch {
        throw badMaterial(spec, 'not a parsable PEM private key');
      }
      return classicalMaterial(spec, info, key);
    }
  }
}

function classicalMaterial(spec: KeySpec, info: KeySpecInfo, key: KeyObject): KeyMaterial {
  checkClassicalKey(spec, info, key);
  const bytes = key.export({ format: 'der', type: 'pkcs8' });
  cache.set(bytes, { spec, privateKey: key });
  return { kind: 'asymmetric', bytes };
}

function checkClassicalKey(spec: KeySpec, info: KeySpecInfo, key: KeyObject): void {
  if (key.type !== 'private') throw badMaterial(spec, 'not a private key');
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails ?? {};
  switch (info.family) {
    case 'RSA':
      if (type !== 'rsa') throw badMaterial(spec, `expected an RSA key, got ${type}`);
      if (details.modulusLength !== info.modulusBits) {
        throw badMaterial(spec, `expected a ${info.modulusBits}-bit modulus, got ${details.modulusLength}`);
      }
      return;
    case 'ED25519':
      if (type !== 'ed25519') throw badMaterial(spec, `expected an Ed25519 key, got ${type}`);
      return;
    default:
      if (type !== 'ec') throw badMaterial(spec, `expected an EC key, got ${type}`);
      if (details.namedCurve !== info.namedCurve) {
        throw badMaterial(spec, `expected curve ${info.namedCurve}, got ${details.namedCurve}`);
      }
  }
}

// ---------------------------------------------------------------------------------------------
// PQC PKCS#8 (draft-ietf-lamps-dilithium-certificates / -kyber-certificates):
//   PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier { oid }, privateKey OCTET STRING }
//   privateKey ::= CHOICE { seed [0] IMPLICIT OCTET STRING, expandedKey OCTET STRING,
//                           both SEQUENCE { seed OCTET STRING, expandedKey OCTET STRING } }

function seedFromPqcPkcs8(spec: KeySpec, info: KeySpecInfo, input: Buffer): Buffer {
  let seed: Buffer;
  let expanded: Buffer | undefined;
  try {
    const [version, algId, privateKey] = der.children(der.readWhole(input, der.TAG.SEQUENCE).content);
    if (der.readInteger(der.expectTag(version, der.TAG.INTEGER, 'version')) > 1n) throw new der.DerError('bad version');
    const algOid = der.children(der.expectTag(algId, der.TAG.SEQUENCE, 'AlgorithmIdentifier').content)[0];
    const oid = der.decodeOid(der.expectTag(algOid, der.TAG.OID, 'OID').content);
    if (oid !== info.oid) throw badMaterial(spec, `algorithm OID ${oid} is not ${info.oid}`);
    const inner = der.readWhole(der.expectTag(privateKey, der.TAG.OCTET_STRING, 'privateKey').content);
    if (inner.tag === 0x80) {
      seed = inner.content;
    } else if (inner.tag === der.TAG.SEQUENCE) {
      const [s, e] = der.children(inner.content);
      seed = der.expectTag(s, der.TAG.OCTET_STRING, 'seed').content;
      expanded = der.expectTag(e, der.TAG.OCTET_STRING, 'expandedKey').content;
    } else {
      throw badMaterial(spec, 'expanded-key-only private keys are not supported (the seed is needed)');
    }
  } catch (err) {
    if (err instanceof CryptoInputError) throw err;
    throw badMaterial(spec, `not a parsable PKCS#8 private key (${(err as Error).message})`);
  }
  if (seed.length !== info.seedBytes) throw badMaterial(spec, `seed must be ${info.seedBytes} bytes`);
  const bytes = Buffer.from(seed);
  if (expanded && !Buffer.from(pqcKeyPair(spec, { kind: 'pqc', bytes }).secretKey).equals(expanded)) {
    throw badMaterial(spec, 'the expanded key does not match the seed');
  }
  return bytes;
}

/** PKCS#8 DER of the private key: the stored bytes for classical keys, the seed form for PQC. */
export function privateKeyPkcs8Der(spec: KeySpec, material: KeyMaterial): Buffer {
  const info = keySpecInfo(spec);
  checkKind(spec, info, material);
  if (info.materialKind === 'asymmetric') {
    if (info.family === 'SM2') ecPrivateScalar(spec, material); // validates
    else privateKeyObject(spec, material);
    return Buffer.from(material.bytes);
  }
  if (info.materialKind === 'pqc') {
    return der.sequence(der.integer(0n), der.sequence(der.oid(info.oid!)), der.octetString(der.tlv(0x80, material.bytes)));
  }
  throw new CryptoInputError('UNSUPPORTED', `${spec} keys have no private key in PKCS#8 form`);
}

// ---------------------------------------------------------------------------------------------
// Parsed forms (cached by the identity of the material buffer)

interface Parsed {
  spec: KeySpec;
  privateKey?: KeyObject;
  publicKey?: KeyObject;
  pqc?: { publicKey: Uint8Array; secretKey: Uint8Array };
  ecScalar?: Uint8Array;
  ecPoint?: Uint8Array;
  ed25519Seed?: Uint8Array;
}

const cache = new WeakMap<Buffer, Parsed>();

function entry(spec: KeySpec, material: KeyMaterial): Parsed {
  let e = cache.get(material.bytes);
  if (!e || e.spec !== spec) {
    e = { spec };
    cache.set(material.bytes, e);
  }
  return e;
}

function checkKind(spec: KeySpec, info: KeySpecInfo, material: KeyMaterial): void {
  if (!material || !Buffer.isBuffer(material.bytes)) throw new TypeError('material must be { kind, bytes: Buffer }');
  if (material.kind !== info.materialKind) throw badMaterial(spec, `expected ${info.materialKind} material, got ${material.kind}`);
  if (info.materialKind === 'pqc' && material.bytes.length !== info.seedBytes) throw badMaterial(spec, 'wrong seed length');
}

/** Secret bytes of symmetric / HMAC material (validated against the spec). */
export function secretKeyBytes(spec: KeySpec, material: KeyMaterial): Buffer {
  const info = keySpecInfo(spec);
  checkKind(spec, info, material);
  if (info.materialKind !== 'symmetric' && info.materialKind !== 'hmac') {
    throw badMaterial(spec, 'not a symmetric or HMAC key');
  }
  return material.bytes;
}

/** The node:crypto private KeyObject of RSA / EC / Ed25519 material (not SM2: see sm2.ts). */
export function privateKeyObject(spec: KeySpec, material: KeyMaterial): KeyObject {
  const info = keySpecInfo(spec);
  checkKind(spec, info, material);
  if (info.materialKind !== 'asymmetric') throw badMaterial(spec, 'not an asymmetric classical key');
  if (info.family === 'SM2') throw new CryptoInputError('UNSUPPORTED', 'SM2 keys are not handled by node:crypto');
  const e = entry(spec, material);
  if (!e.privateKey) {
    let key: KeyObject;
    try {
      key = createPrivateKey({ key: material.bytes, format: 'der', type: 'pkcs8' });
    } catch {
      throw badMaterial(spec, 'stored PKCS#8 does not parse');
    }
    checkClassicalKey(spec, info, key);
    e.privateKey = key;
  }
  return e.privateKey;
}

export function publicKeyObject(spec: KeySpec, material: KeyMaterial): KeyObject {
  const e = entry(spec, material);
  if (!e.publicKey) e.publicKey = createPublicKey(privateKeyObject(spec, material));
  return e.publicKey;
}

/** ML-DSA / ML-KEM expanded key pair, derived from the seed. */
export function pqcKeyPair(spec: KeySpec, material: KeyMaterial): { publicKey: Uint8Array; secretKey: Uint8Array } {
  const info = keySpecInfo(spec);
  checkKind(spec, info, material);
  if (info.materialKind !== 'pqc') throw badMaterial(spec, 'not a post-quantum key');
  const e = entry(spec, material);
  if (!e.pqc) {
    const impl = info.family === 'ML_DSA' ? mlDsa(spec) : mlKem(spec);
    const { publicKey, secretKey } = impl.keygen(new Uint8Array(material.bytes));
    e.pqc = { publicKey, secretKey };
  }
  return e.pqc;
}

/** EC / SM2 private scalar, big-endian, padded to the field size. */
export function ecPrivateScalar(spec: KeySpec, material: KeyMaterial): Uint8Array {
  const info = keySpecInfo(spec);
  if (!info.namedCurve) throw badMaterial(spec, 'not an EC key');
  checkKind(spec, info, material);
  const e = entry(spec, material);
  if (!e.ecScalar) {
    if (info.family === 'SM2') {
      try {
        e.ecScalar = sm2ParsePrivateKey(material.bytes);
      } catch (err) {
        throw badMaterial(spec, (err as Error).message);
      }
    } else {
      const sec1 = privateKeyObject(spec, material).export({ format: 'der', type: 'sec1' });
      const [, d] = der.children(der.readWhole(sec1, der.TAG.SEQUENCE).content);
      const scalar = der.expectTag(d, der.TAG.OCTET_STRING, 'privateKey').content;
      e.ecScalar = der.bigintToBytes(der.bytesToBigint(scalar), EC_FIELD_BYTES[info.namedCurve]);
    }
  }
  return e.ecScalar;
}

/** EC / SM2 public point, uncompressed (0x04 || X || Y). */
export function ecPublicPoint(spec: KeySpec, material: KeyMaterial): Uint8Array {
  const e = entry(spec, material);
  if (!e.ecPoint) {
    e.ecPoint =
      keySpecInfo(spec).family === 'SM2' ? sm2PublicPoint(ecPrivateScalar(spec, material)) : ecPointFromSpki(publicKeyDer(spec, material));
  }
  return e.ecPoint;
}

/** The uncompressed point inside an EC SubjectPublicKeyInfo as exported by node:crypto. */
function ecPointFromSpki(spki: Buffer): Uint8Array {
  const [, bits] = der.children(der.readWhole(spki, der.TAG.SEQUENCE).content);
  const content = der.expectTag(bits, der.TAG.BIT_STRING, 'subjectPublicKey').content;
  return content.subarray(1);
}

/** The 32-byte Ed25519 private key (RFC 8032 seed). */
export function ed25519Seed(spec: KeySpec, material: KeyMaterial): Uint8Array {
  const e = entry(spec, material);
  if (!e.ed25519Seed) {
    const jwk = privateKeyObject(spec, material).export({ format: 'jwk' });
    if (typeof jwk.d !== 'string') throw badMaterial(spec, 'not an Ed25519 key');
    e.ed25519Seed = Buffer.from(jwk.d, 'base64url');
  }
  return e.ed25519Seed;
}

// ---------------------------------------------------------------------------------------------
// Public keys

/**
 * DER SubjectPublicKeyInfo of the key (what GetPublicKey returns). For ML-DSA / ML-KEM:
 * SEQUENCE { SEQUENCE { OID }, BIT STRING rawPublicKey } with the NIST OIDs, no parameters.
 * Symmetric and HMAC keys have none: UNSUPPORTED.
 */
export function publicKeyDer(spec: KeySpec, material: KeyMaterial): Buffer {
  const info = keySpecInfo(spec);
  switch (info.materialKind) {
    case 'asymmetric':
      if (info.family === 'SM2') return sm2PublicKeySpki(ecPublicPoint(spec, material));
      return publicKeyObject(spec, material).export({ format: 'der', type: 'spki' });
    case 'pqc':
      return pqcSpki(info, pqcKeyPair(spec, material).publicKey);
    default:
      checkKind(spec, info, material);
      throw new CryptoInputError('UNSUPPORTED', `${spec} keys have no public key`);
  }
}

function pqcSpki(info: KeySpecInfo, publicKey: Uint8Array): Buffer {
  return der.sequence(der.sequence(der.oid(info.oid!)), der.bitString(publicKey));
}

/**
 * The raw ML-DSA / ML-KEM public key inside an SPKI built as above, checking the OID and
 * the length. Throws BAD_PUBLIC_KEY.
 */
export function pqcPublicKeyFromSpki(spec: KeySpec, spki: Uint8Array): Uint8Array {
  const info = keySpecInfo(spec);
  if (info.materialKind !== 'pqc') throw new CryptoInputError('BAD_PUBLIC_KEY', `${spec} is not a post-quantum key spec`);
  const impl = info.family === 'ML_DSA' ? mlDsa(spec) : mlKem(spec);
  try {
    const [algId, bits] = der.children(der.readWhole(asBuffer(spki, 'public key'), der.TAG.SEQUENCE).content);
    const algChildren = der.children(der.expectTag(algId, der.TAG.SEQUENCE, 'AlgorithmIdentifier').content);
    const oid = der.decodeOid(der.expectTag(algChildren[0], der.TAG.OID, 'OID').content);
    const content = der.expectTag(bits, der.TAG.BIT_STRING, 'subjectPublicKey').content;
    if (oid !== info.oid || algChildren.length !== 1) throw new Error(`algorithm is ${oid}, expected ${info.oid}`);
    if (content[0] !== 0 || content.length - 1 !== impl.lengths.publicKey) throw new Error('wrong public key length');
    return new Uint8Array(content.subarray(1));
  } catch (err) {
    throw new CryptoInputError('BAD_PUBLIC_KEY', `Invalid ${spec} public key: ${(err as Error).message}`);
  }
}

