/**
 * Sign / Verify for every asymmetric signing algorithm KMS offers.
 *
 * MessageType semantics (AWS):
 *  - RAW: the message; it is hashed with the algorithm's hash (or signed as-is by Ed25519 /
 *    ML-DSA, which hash internally).
 *  - DIGEST: the already-computed hash of the message, exactly `digestLength` bytes; it is
 *    signed without hashing again, so RAW(m) and DIGEST(H(m)) signatures verify against the
 *    same message.
 *  - EXTERNAL_MU: ML-DSA only; the 64-byte mu of FIPS 204 (SHAKE256(tr || M', 64)).
 *
 * Routes: node:crypto wherever it can do the operation (RAW for RSA, ECDSA, Ed25519;
 * RSA PKCS#1 v1.5 over a digest via privateEncrypt with the DigestInfo prefix; RSA-PSS over a
 * digest via our EMSA-PSS encoding + raw RSA). @noble/curves for ECDSA over a digest and for
 * Ed25519ph; @noble/post-quantum for ML-DSA; sm2.ts for SM2DSA.
 */
import {
  constants,
  createHash,
  privateEncrypt,
  publicDecrypt,
  randomBytes,
  sign as nodeSign,
  timingSafeEqual,
  verify as nodeVerify,
  type KeyObject,
} from 'node:crypto';
import { CryptoInputError, asBuffer } from './errors';
import {
  ecPrivateScalar,
  ecPublicPoint,
  ed25519Seed,
  pqcKeyPair,
  privateKeyObject,
  publicKeyDer,
  publicKeyObject,
  type KeyMaterial,
} from './keys';
import { keySpecInfo, signingAlgorithmInfo, signingAlgorithmsFor, type KeySpec, type MessageType, type SigningAlgorithm, type SigningAlgorithmInfo } from './specs';
import { ecdsaCurve, edwardsParts, lazily, mlDsa } from './noble';
import { sm2MessageDigest, sm2SignDigest, sm2VerifyDigest } from './sm2';

/** DER DigestInfo prefixes (RFC 8017 §9.2 note 1). */
const DIGEST_INFO_PREFIX: Record<string, Buffer> = {
  sha256: Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  sha384: Buffer.from('3041300d060960864801650304020205000430', 'hex'),
  sha512: Buffer.from('3051300d060960864801650304020305000440', 'hex'),
};

/**
 * Ed25519ph (RFC 8032 §5.1) that takes PH(M) = SHA-512(M) directly: an EdDSA instance whose
 * "prehash" is the identity, with the dom2 prefix flagged as pre-hashed. Signing PH(M) with it
 * gives exactly ed25519ph.sign(M).
 */
const ed25519phOverDigest = lazily(() => {
  const { eddsa, ed25519, sha512 } = edwardsParts();
  return eddsa(ed25519.Point, sha512, {
    adjustScalarBytes: (bytes: Uint8Array) => {
      bytes[0] &= 248;
      bytes[31] &= 127;
      bytes[31] |= 64;
      return bytes;
    },
    domain: (data: Uint8Array, ctx: Uint8Array, phflag: boolean) =>
      Buffer.concat([Buffer.from('SigEd25519 no Ed25519 collisions', 'ascii'), Buffer.from([phflag ? 1 : 0, ctx.length]), ctx, data]),
    prehash: (msg: Uint8Array) => msg,
  });
});

interface Prepared {
  alg: SigningAlgorithmInfo;
  message: Buffer;
}

function prepare(spec: KeySpec, algorithm: SigningAlgorithm, message: Uint8Array, messageType: MessageType): Prepared {
  const alg = signingAlgorithmInfo(algorithm);
  if (!signingAlgorithmsFor(spec).includes(algorithm)) {
    throw new CryptoInputError('ALGORITHM_MISMATCH', `Signing algorithm ${algorithm} is not valid for key spec ${spec}`);
  }
  if (!alg.messageTypes.includes(messageType)) {
    throw new CryptoInputError('MESSAGE_TYPE', `MessageType ${messageType} is not valid with ${algorithm}`, {
      allowed: [...alg.messageTypes],
    });
  }
  const buf = asBuffer(message, 'message');
  if (messageType !== 'RAW' && buf.length !== alg.digestLength) {
    throw new CryptoInputError(
      'DIGEST_LENGTH',
      `${messageType === 'EXTERNAL_MU' ? 'External mu' : 'Digest'} for ${algorithm} must be ${alg.digestLength} bytes, got ${buf.length}`,
      { expected: alg.digestLength, actual: buf.length },
    );
  }
  return { alg, message: buf };
}

/**
 * The value a RAW message turns into for the DIGEST (or EXTERNAL_MU) form of the algorithm:
 * H(M) for RSA / ECDSA / Ed25519ph, SM3(ZA || M) for SM2DSA (default ID), mu for ML-DSA.
 * ED25519_SHA_512 (pure Ed25519) has no such form: MESSAGE_TYPE.
 */
export function messageDigest(spec: KeySpec, material: KeyMaterial, algorithm: SigningAlgorithm, message: Uint8Array): Buffer {
  const { alg, message: msg } = prepare(spec, algorithm, message, 'RAW');
  switch (alg.scheme) {
    case 'ED25519':
      throw new CryptoInputError('MESSAGE_TYPE', `${algorithm} signs the raw message only`);
    case 'SM2DSA':
      return sm2MessageDigest(ecPublicPoint(spec, material), msg);
    case 'ML_DSA':
      return mlDsaExternalMu(pqcKeyPair(spec, material).publicKey, msg);
    default:
      return createHash(alg.hash).update(msg).digest();
  }
}

/** FIPS 204 mu for an empty context: SHAKE256(SHAKE256(pk, 64) || 0x00 || 0x00 || M, 64). */
export function mlDsaExternalMu(publicKey: Uint8Array, message: Uint8Array): Buffer {
  const tr = createHash('shake256', { outputLength: 64 }).update(publicKey).digest();
  return createHash('shake256', { outputLength: 64 }).update(tr).update(Buffer.from([0, 0])).update(message).digest();
}

// ---------------------------------------------------------------------------------------------

export function sign(
  spec: KeySpec,
  material: KeyMaterial,
  algorithm: SigningAlgorithm,
  message: Uint8Array,
  messageType: MessageType = 'RAW',
): Buffer {
  const { alg, message: msg } = prepare(spec, algorithm, message, messageType);
  const raw = messageType === 'RAW';
  switch (alg.scheme) {
    case 'RSA_PKCS1': {
      const key = privateKeyObject(spec, material);
      if (raw) return nodeSign(alg.hash, msg, { key, padding: constants.RSA_PKCS1_PADDING });
      return privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([DIGEST_INFO_PREFIX[alg.hash], msg]));
    }
    case 'RSA_PSS': {
      const key = privateKeyObject(spec, material);
      if (raw) return nodeSign(alg.hash, msg, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: alg.digestLength });
      const modulusBits = key.asymmetricKeyDetails!.modulusLength!;
      const em = emsaPssEncode(alg.hash, msg, modulusBits - 1, alg.digestLength);
      const k = Math.ceil(modulusBits / 8);
      return privateEncrypt({ key, padding: constants.RSA_NO_PADDING }, Buffer.concat([Buffer.alloc(k - em.length), em]));
    }
    case 'ECDSA': {
      if (raw) return nodeSign(alg.hash, msg, { key: privateKeyObject(spec, material), dsaEncoding: 'der' });
      const curve = ecdsaCurve(keySpecInfo(spec).namedCurve!);
      return Buffer.from(curve.sign(msg, ecPrivateScalar(spec, material), { prehash: false, format: 'der' }));
    }
    case 'SM2DSA': {
      const e = raw ? sm2MessageDigest(ecPublicPoint(spec, material), msg) : msg;
      return sm2SignDigest(ecPrivateScalar(spec, material), e);
    }
    case 'ED25519':
      return nodeSign(null, msg, privateKeyObject(spec, material));
    case 'ED25519_PH': {
      const digest = raw ? createHash('sha512').update(msg).digest() : msg;
      return Buffer.from(ed25519phOverDigest().sign(digest, ed25519Seed(spec, material)));
    }
    case 'ML_DSA': {
      const impl = mlDsa(spec);
      const { secretKey } = pqcKeyPair(spec, material);
      if (raw) return Buffer.from(impl.sign(msg, secretKey));
      return Buffer.from(impl.internal.sign(msg, secretKey, { externalMu: true }));
    }
  }
}

/**
 * True iff `signature` is a valid signature of the message by the key. A wrong or malformed
 * signature (or a signature over another message) gives false, never an exception; invalid
 * request parameters (algorithm, MessageType, digest length) throw CryptoInputError as in sign.
 */
export function verify(
  spec: KeySpec,
  material: KeyMaterial,
  algorithm: SigningAlgorithm,
  message: Uint8Array,
  messageType: MessageType,
  signature: Uint8Array,
): boolean {
  const { alg, message: msg } = prepare(spec, algorithm, message, messageType);
  const sig = asBuffer(signature, 'signature');
  const raw = messageType === 'RAW';
  // Resolve the key first so that broken key material is reported, not hidden as "invalid".
  switch (alg.scheme) {
    case 'RSA_PKCS1': {
      const key = publicKeyObject(spec, material);
      if (raw) return safe(() => nodeVerify(alg.hash, msg, { key, padding: constants.RSA_PKCS1_PADDING }, sig));
      return safe(() => {
        if (sig.length !== rsaModulusBytes(key)) return false;
        const recovered = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, sig);
        const expected = Buffer.concat([DIGEST_INFO_PREFIX[alg.hash], msg]);
        return recovered.length === expected.length && timingSafeEqual(recovered, expected);
      });
    }
    case 'RSA_PSS': {
      const key = publicKeyObject(spec, material);
      if (raw) {
        return safe(() =>
          nodeVerify(alg.hash, msg, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: alg.digestLength }, sig),
        );
      }
      return safe(() => {
        const k = rsaModulusBytes(key);
        if (sig.length !== k) return false;
        const m = publicDecrypt({ key, padding: constants.RSA_NO_PADDING }, sig);
        const modulusBits = key.asymmetricKeyDetails!.modulusLength!;
        const emLen = Math.ceil((modulusBits - 1) / 8);
        const full = Buffer.concat([Buffer.alloc(Math.max(0, k - m.length)), m]);
        if (!full.subarray(0, k - emLen).every((b) => b === 0)) return false;
        return emsaPssVerify(alg.hash, msg, full.subarray(k - emLen), modulusBits - 1, alg.digestLength);
      });
    }
    case 'ECDSA': {
      if (raw) {
        const key = publicKeyObject(spec, material);
        return safe(() => nodeVerify(alg.hash, msg, { key, dsaEncoding: 'der' }, sig));
      }
      const curve = ecdsaCurve(keySpecInfo(spec).namedCurve!);
      const point = ecPublicPoint(spec, material);
      // lowS: false — OpenSSL (and AWS) signatures are not normalised to low S.
      return safe(() => curve.verify(sig, msg, point, { prehash: false, format: 'der', lowS: false }));
    }
    case 'SM2DSA': {
      const point = ecPublicPoint(spec, material);
      const e = raw ? sm2MessageDigest(point, msg) : msg;
      return sm2VerifyDigest(point, e, sig);
    }
    case 'ED25519': {
      const key = publicKeyObject(spec, material);
      return safe(() => nodeVerify(null, msg, key, sig));
    }
    case 'ED25519_PH': {
      const publicKey = publicKeyDer(spec, material).subarray(-32);
      const digest = raw ? createHash('sha512').update(msg).digest() : msg;
      return safe(() => sig.length === 64 && ed25519phOverDigest().verify(sig, digest, publicKey, { zip215: false }));
    }
    case 'ML_DSA': {
      const impl = mlDsa(spec);
      const { publicKey } = pqcKeyPair(spec, material);
      if (sig.length !== impl.lengths.signature) return false;
      if (raw) return safe(() => impl.verify(sig, msg, publicKey));
      return safe(() => impl.internal.verify(sig, msg, publicKey, { externalMu: true }));
    }
  }
}

function safe(fn: () => boolean): boolean {
  try {
    return fn() === true;
  } catch {
    return false;
  }
}

function rsaModulusBytes(key: KeyObject): number {
  return Math.ceil(key.asymmetricKeyDetails!.modulusLength! / 8);
}

// ---------------------------------------------------------------------------------------------
// EMSA-PSS (RFC 8017 §9.1) over a message hash, MGF1 with the same hash.

function mgf1(hash: string, seed: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  const counter = Buffer.alloc(4);
  for (let i = 0, have = 0; have < length; i++) {
    counter.writeUInt32BE(i);
    const block = createHash(hash).update(seed).update(counter).digest();
    blocks.push(block);
    have += block.length;
  }
  return Buffer.concat(blocks).subarray(0, length);
}

function emsaPssEncode(hash: string, mHash: Buffer, emBits: number, sLen: number): Buffer {
  const hLen = mHash.length;
  const emLen = Math.ceil(emBits / 8);
  if (emLen < hLen + sLen + 2) throw new CryptoInputError('UNSUPPORTED', 'RSA modulus too small for PSS');
  const salt = randomBytes(sLen);
  const h = createHash(hash).update(Buffer.alloc(8)).update(mHash).update(salt).digest();
  const db = Buffer.concat([Buffer.alloc(emLen - sLen - hLen - 2), Buffer.from([1]), salt]);
  const mask = mgf1(hash, h, emLen - hLen - 1);
  for (let i = 0; i < db.length; i++) db[i] ^= mask[i];
  db[0] &= 0xff >> (8 * emLen - emBits);
  return Buffer.concat([db, h, Buffer.from([0xbc])]);
}

function emsaPssVerify(hash: string, mHash: Buffer, em: Buffer, emBits: number, sLen: number): boolean {
  const hLen = mHash.length;
  const emLen = Math.ceil(emBits / 8);
  if (em.length !== emLen || emLen < hLen + sLen + 2 || em[emLen - 1] !== 0xbc) return false;
  const db = Buffer.from(em.subarray(0, emLen - hLen - 1));
  const h = em.subarray(emLen - hLen - 1, emLen - 1);
  const topMask = 0xff << (8 - (8 * emLen - emBits)) & 0xff;
  if (db[0] & topMask) return false;
  const mask = mgf1(hash, h, db.length);
  for (let i = 0; i < db.length; i++) db[i] ^= mask[i];
  db[0] &= 0xff >> (8 * emLen - emBits);
  const psLen = emLen - hLen - sLen - 2;
  for (let i = 0; i < psLen; i++) if (db[i] !== 0) return false;
  if (db[psLen] !== 1) return false;
  const salt = db.subarray(db.length - sLen);
  const h2 = createHash(hash).update(Buffer.alloc(8)).update(mHash).update(salt).digest();
  return timingSafeEqual(h, h2);
}
