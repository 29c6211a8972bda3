/**
 * SM2 (GB/T 32918) signature and public-key encryption over the SM2 curve, using
 * @noble/curves' generic Weierstrass point arithmetic and node:crypto's SM3.
 * node:crypto can generate SM2 keys and do ECDH on them, but not SM2 encryption and not
 * signing a pre-computed digest, so both are done here.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as der from './der';
import { lazily, weierstrass } from './noble';

const P = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF');
const A = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC');
const B = BigInt('0x28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93');
const N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');
const GX = BigInt('0x32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7');
const GY = BigInt('0xBC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0');

const sm2Curve = lazily(() => weierstrass()({ p: P, n: N, h: 1n, a: A, b: B, Gx: GX, Gy: GY }));
type Point = InstanceType<ReturnType<typeof sm2Curve>>;

/** The default distinguishing ID (GB/T 35276), which AWS KMS uses for SM2DSA. */
const SM2_DEFAULT_ID = Buffer.from('1234567812345678', 'ascii');

const mod = (a: bigint, m = N): bigint => ((a % m) + m) % m;
const be32 = (x: bigint): Buffer => der.bigintToBytes(x, 32);
const sm3 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sm3');
  for (const p of parts) h.update(p);
  return h.digest();
};

function modInverse(a: bigint, m = N): bigint {
  let [r0, r1] = [mod(a, m), m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) throw new Error('not invertible');
  return mod(s0, m);
}

/** Uniform scalar in [1, n-1]. */
function randomScalar(): bigint {
  for (;;) {
    const k = der.bytesToBigint(randomBytes(32));
    if (k > 0n && k < N) return k;
  }
}

function pointFromBytes(uncompressed: Uint8Array): Point {
  const p = sm2Curve().fromBytes(uncompressed);
  p.assertValidity();
  return p;
}

/** ZA = SM3(ENTL || ID || a || b || xG || yG || xA || yA). */
function sm2Za(publicPoint: Uint8Array, id: Uint8Array = SM2_DEFAULT_ID): Buffer {
  const { x, y } = pointFromBytes(publicPoint).toAffine();
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(id.length * 8);
  return sm3(entl, id, be32(A), be32(B), be32(GX), be32(GY), be32(x), be32(y));
}

/** e = SM3(ZA || M): the 32-byte value that SM2DSA signs (what MessageType DIGEST carries). */
export function sm2MessageDigest(publicPoint: Uint8Array, message: Uint8Array): Buffer {
  return sm3(sm2Za(publicPoint), message);
}

/** SM2 signature over e; DER SEQUENCE { r, s }. */
export function sm2SignDigest(privateScalar: Uint8Array, e: Uint8Array): Buffer {
  const d = der.bytesToBigint(privateScalar);
  const eInt = der.bytesToBigint(e);
  const dInv = modInverse(1n + d);
  for (;;) {
    const k = randomScalar();
    const x1 = sm2Curve().BASE.multiply(k).toAffine().x;
    const r = mod(eInt + x1);
    if (r === 0n || r + k === N) continue;
    const s = mod(dInv * (k - r * d));
    if (s === 0n) continue;
    return der.sequence(der.integer(r), der.integer(s));
  }
}

/** Verifies a DER SM2 signature over e. Never throws: malformed input is just invalid. */
export function sm2VerifyDigest(publicPoint: Uint8Array, e: Uint8Array, signature: Uint8Array): boolean {
  try {
    const [rNode, sNode, extra] = der.children(der.readWhole(Buffer.from(signature), der.TAG.SEQUENCE).content);
    if (extra) return false;
    const r = der.readInteger(rNode);
    const s = der.readInteger(sNode);
    if (r < 1n || r >= N || s < 1n || s >= N) return false;
    const t = mod(r + s);
    if (t === 0n) return false;
    const pub = pointFromBytes(publicPoint);
    const sum = sm2Curve().BASE.multiply(s).add(pub.multiply(t));
    if (sum.is0()) return false;
    return mod(der.bytesToBigint(e) + sum.toAffine().x) === r;
  } catch {
    return false;
  }
}

/** GB/T 32918.4 KDF with SM3. */
function kdf(z: Uint8Array, length: number): Buffer {
  const blocks: Buffer[] = [];
  const ct = Buffer.alloc(4);
  for (let i = 1, have = 0; have < length; i++, have += 32) {
    ct.writeUInt32BE(i);
    blocks.push(sm3(z, ct));
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/**
 * SM2 public-key encryption. Output is the GM/T 0009 DER form in C1C3C2 order (as OpenSSL
 * produces): SEQUENCE { INTEGER x1, INTEGER y1, OCTET STRING C3 (SM3 hash), OCTET STRING C2 }.
 */
export function sm2Encrypt(publicPoint: Uint8Array, plaintext: Uint8Array): Buffer {
  const pub = pointFromBytes(publicPoint);
  for (;;) {
    const k = randomScalar();
    const c1 = sm2Curve().BASE.multiply(k).toAffine();
    const shared = pub.multiply(k).toAffine();
    const x2 = be32(shared.x);
    const y2 = be32(shared.y);
    const t = kdf(Buffer.concat([x2, y2]), plaintext.length);
    if (plaintext.length > 0 && t.every((b) => b === 0)) continue;
    const c2 = Buffer.alloc(plaintext.length);
    for (let i = 0; i < c2.length; i++) c2[i] = plaintext[i] ^ t[i];
    const c3 = sm3(x2, plaintext, y2);
    return der.sequence(der.integer(c1.x), der.integer(c1.y), der.octetString(c3), der.octetString(c2));
  }
}

/** Inverse of sm2Encrypt; null if the ciphertext is malformed or does not authenticate. */
export function sm2Decrypt(privateScalar: Uint8Array, ciphertext: Uint8Array): Buffer | null {
  try {
    const [xNode, yNode, c3Node, c2Node, extra] = der.children(der.readWhole(Buffer.from(ciphertext), der.TAG.SEQUENCE).content);
    if (extra) return null;
    const c1 = sm2Curve().fromAffine({ x: der.readInteger(xNode), y: der.readInteger(yNode) });
    c1.assertValidity();
    const c3 = der.expectTag(c3Node, der.TAG.OCTET_STRING, 'C3').content;
    const c2 = der.expectTag(c2Node, der.TAG.OCTET_STRING, 'C2').content;
    if (c3.length !== 32) return null;
    const shared = c1.multiply(der.bytesToBigint(privateScalar)).toAffine();
    const x2 = be32(shared.x);
    const y2 = be32(shared.y);
    const t = kdf(Buffer.concat([x2, y2]), c2.length);
    if (c2.length > 0 && t.every((b) => b === 0)) return null;
    const m = Buffer.alloc(c2.length);
    for (let i = 0; i < m.length; i++) m[i] = c2[i] ^ t[i];
    const u = sm3(x2, m, y2);
    let diff = 0;
    for (let i = 0; i < 32; i++) diff |= u[i] ^ c3[i];
    return diff === 0 ? m : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Key encoding. node:crypto re-parses SM2 PKCS#8/SPKI into an OpenSSL "SM2" key type it does
// not know (asymmetricKeyType undefined; exporting it aborts the process on Node 20), so SM2
// keys never go through node:crypto KeyObjects: they are encoded and parsed here.

const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const OID_SM2 = '1.2.156.10197.1.301';

function sm2AlgorithmIdentifier(): Buffer {
  return der.sequence(der.oid(OID_EC_PUBLIC_KEY), der.oid(OID_SM2));
}

/** True if `d` is a valid SM2 private scalar: 1 ≤ d ≤ n − 2 (1 + d must be invertible). */
function isValidSm2Scalar(d: bigint): boolean {
  return d >= 1n && d <= N - 2n;
}

export function sm2RandomPrivateScalar(): Buffer {
  for (;;) {
    const d = randomScalar();
    if (isValidSm2Scalar(d)) return be32(d);
  }
}

export function sm2PublicPoint(privateScalar: Uint8Array): Uint8Array {
  return sm2Curve().BASE.multiply(der.bytesToBigint(privateScalar)).toBytes(false);
}

/** PKCS#8 { 0, { id-ecPublicKey, sm2 }, ECPrivateKey { 1, d, [1] publicKey } } (as OpenSSL writes it). */
export function sm2PrivateKeyPkcs8(privateScalar: Uint8Array, publicPoint = sm2PublicPoint(privateScalar)): Buffer {
  const ecPrivateKey = der.sequence(der.integer(1n), der.octetString(privateScalar), der.tlv(0xa1, der.bitString(publicPoint)));
  return der.sequence(der.integer(0n), sm2AlgorithmIdentifier(), der.octetString(ecPrivateKey));
}

export function sm2PublicKeySpki(publicPoint: Uint8Array): Buffer {
  return der.sequence(sm2AlgorithmIdentifier(), der.bitString(publicPoint));
}

/** Is this AlgorithmIdentifier (content) id-ecPublicKey with the SM2 curve, or the bare SM2 OID? */
function isSm2Algorithm(algId: der.Node): boolean {
  const [alg, params] = der.children(der.expectTag(algId, der.TAG.SEQUENCE, 'AlgorithmIdentifier').content);
  const algOid = der.decodeOid(der.expectTag(alg, der.TAG.OID, 'algorithm').content);
  if (algOid === OID_SM2) return true;
  return algOid === OID_EC_PUBLIC_KEY && params?.tag === der.TAG.OID && der.decodeOid(params.content) === OID_SM2;
}

/**
 * The private scalar of an SM2 key in PKCS#8 or SEC1 (ECPrivateKey) DER. Throws (plain Error)
 * if it is not an SM2 key, the scalar is out of range, or an embedded public key disagrees.
 */
export function sm2ParsePrivateKey(input: Buffer): Buffer {
  const top = der.children(der.readWhole(input, der.TAG.SEQUENCE).content);
  let ecPrivateKey: der.Node[];
  let curveKnown = false;
  if (top.length >= 3 && top[1].tag === der.TAG.SEQUENCE) {
    // PKCS#8
    if (der.readInteger(top[0]) > 1n) throw new Error('unsupported PKCS#8 version');
    if (!isSm2Algorithm(top[1])) throw new Error('not an SM2 key');
    curveKnown = true;
    const inner = der.expectTag(top[2], der.TAG.OCTET_STRING, 'privateKey').content;
    ecPrivateKey = der.children(der.readWhole(inner, der.TAG.SEQUENCE).content);
  } else {
    ecPrivateKey = top; // SEC1
  }
  if (der.readInteger(der.expectTag(ecPrivateKey[0], der.TAG.INTEGER, 'version')) !== 1n) throw new Error('bad ECPrivateKey version');
  const scalar = der.expectTag(ecPrivateKey[1], der.TAG.OCTET_STRING, 'privateKey').content;
  let embeddedPoint: Buffer | undefined;
  for (const node of ecPrivateKey.slice(2)) {
    if (node.tag === 0xa0) {
      const param = der.readWhole(node.content);
      if (param.tag !== der.TAG.OID || der.decodeOid(param.content) !== OID_SM2) throw new Error('not an SM2 key');
      curveKnown = true;
    } else if (node.tag === 0xa1) {
      const bits = der.readWhole(node.content, der.TAG.BIT_STRING).content;
      embeddedPoint = bits.subarray(1);
    }
  }
  if (!curveKnown) throw new Error('the key does not name the SM2 curve');
  const d = der.bytesToBigint(scalar);
  if (scalar.length > 32 || !isValidSm2Scalar(d)) throw new Error('private scalar out of range');
  const dBytes = be32(d);
  if (embeddedPoint && !pointFromBytes(embeddedPoint).equals(pointFromBytes(sm2PublicPoint(dBytes)))) {
    throw new Error('embedded public key does not match the private key');
  }
  return dBytes;
}

/** The (validated, uncompressed) point of an SM2 SubjectPublicKeyInfo. Throws (plain Error). */
export function sm2ParseSpki(input: Buffer): Uint8Array {
  const [algId, bits, extra] = der.children(der.readWhole(input, der.TAG.SEQUENCE).content);
  if (extra || !isSm2Algorithm(algId)) throw new Error('not an SM2 public key');
  const content = der.expectTag(bits, der.TAG.BIT_STRING, 'subjectPublicKey').content;
  if (content[0] !== 0) throw new Error('bad BIT STRING');
  return pointFromBytes(content.subarray(1)).toBytes(false);
}

/** Plain ECDH on the SM2 curve: the x coordinate of d·Q (what OpenSSL derives for SM2 keys). */
export function sm2Ecdh(privateScalar: Uint8Array, peerPoint: Uint8Array): Buffer {
  const shared = pointFromBytes(peerPoint).multiply(der.bytesToBigint(privateScalar));
  return be32(shared.toAffine().x);
}
