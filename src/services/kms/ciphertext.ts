// Strongroom's symmetric ciphertext envelope (our own format; AWS's is opaque):
//
//   0x01 | account (12 ASCII digits) | region length (1) | region | key-id kind (1: 0 UUID,
//   1 mrk) | key id (16) | material id (32) | nonce (12) | GCM tag (16) | ciphertext
//
// Self-describing, so Decrypt needs no KeyId; the material id keeps old ciphertexts
// decryptable after rotation. The AAD is the header itself plus the encryption context in a
// canonical, length-prefixed encoding: {"ab":"c"} and {"a":"bc"} bind differently.
import { createCipheriv, createDecipheriv, type CipherKey, type KeyObject } from 'node:crypto';
import { randomBytesPooled } from './random';

const FORMAT = 0x01;
const NONCE = 12;
const TAG = 16;
const MATERIAL_ID = 32;

export interface CiphertextHeader {
  accountId: string;
  region: string;
  keyId: string;
  materialId: string;
}

export type EncryptionContext = Record<string, string>;

/**
 * The AAD: the header, then the context as u32 count, then for each entry sorted by key: u32
 * length + UTF-8 key, u32 length + UTF-8 value. Written into one buffer of its exact size (every
 * byte of it written), rather than a buffer per field joined (a few % of each KMS call).
 */
function additionalData(header: Buffer, context: EncryptionContext | undefined): Buffer {
  const entries = context ? Object.entries(context) : [];
  if (entries.length > 1) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let size = header.length + 4;
  for (const [k, v] of entries) size += 8 + Buffer.byteLength(k, 'utf8') + Buffer.byteLength(v, 'utf8');
  const aad = Buffer.allocUnsafe(size);
  let at = aad.writeUInt32BE(entries.length, header.copy(aad, 0));
  for (const [k, v] of entries) {
    for (const text of [k, v]) {
      const length = aad.write(text, at + 4, 'utf8');
      at = aad.writeUInt32BE(length, at) + length;
    }
  }
  return aad;
}

/** Encoded headers by key and material: every Encrypt under a key writes the same bytes. */
const headers = new Map<string, Buffer>();
const HEADER_CACHE_LIMIT = 20_000;

function cachedHeader(h: CiphertextHeader): Buffer {
  const cacheKey = `${h.accountId}/${h.region}/${h.keyId}/${h.materialId}`;
  let bytes = headers.get(cacheKey);
  if (!bytes) {
    bytes = encodeHeader(h);
    if (headers.size >= HEADER_CACHE_LIMIT) headers.clear();
    headers.set(cacheKey, bytes);
  }
  return bytes;
}

function encodeHeader(h: CiphertextHeader): Buffer {
  const mrk = h.keyId.startsWith('mrk-');
  const id = Buffer.from(mrk ? h.keyId.slice(4) : h.keyId.replace(/-/g, ''), 'hex');
  const region = Buffer.from(h.region, 'ascii');
  return Buffer.concat([
    Buffer.of(FORMAT),
    Buffer.from(h.accountId, 'ascii'),
    Buffer.of(region.length),
    region,
    Buffer.of(mrk ? 1 : 0),
    id,
    Buffer.from(h.materialId, 'hex'),
  ]);
}

function formatUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface ParsedCiphertext {
  header: CiphertextHeader;
  headerBytes: Buffer;
  nonce: Buffer;
  tag: Buffer;
  body: Buffer;
  /** The nonce, tag and ciphertext as one (what follows the header). */
  sealed: Buffer;
}

/** Reads the envelope; undefined when the bytes are not one (the caller answers InvalidCiphertextException). */
export function parseCiphertext(blob: Buffer): ParsedCiphertext | undefined {
  if (blob.length < 1 + 12 + 1 || blob[0] !== FORMAT) return undefined;
  const regionLength = blob[13];
  let at = 14 + regionLength;
  if (blob.length < at + 1 + 16 + MATERIAL_ID + NONCE + TAG) return undefined;
  const accountId = blob.toString('ascii', 1, 13);
  const region = blob.toString('ascii', 14, at);
  if (!/^\d{12}$/.test(accountId) || !/^[a-z0-9-]+$/.test(region)) return undefined;
  const kind = blob[at++];
  if (kind > 1) return undefined;
  const idHex = blob.toString('hex', at, at + 16);
  at += 16;
  const materialId = blob.toString('hex', at, at + MATERIAL_ID);
  at += MATERIAL_ID;
  const headerBytes = blob.subarray(0, at);
  return {
    header: { accountId, region, keyId: kind === 1 ? `mrk-${idHex}` : formatUuid(idHex), materialId },
    headerBytes,
    nonce: blob.subarray(at, at + NONCE),
    tag: blob.subarray(at + NONCE, at + NONCE + TAG),
    body: blob.subarray(at + NONCE + TAG),
    sealed: blob.subarray(at),
  };
}

export function sealSymmetric(key: CipherKey, header: CiphertextHeader, plaintext: Buffer, context: EncryptionContext | undefined): Buffer {
  const headerBytes = cachedHeader(header);
  const nonce = randomBytesPooled(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(additionalData(headerBytes, context));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([headerBytes, nonce, cipher.getAuthTag(), body]);
}

/**
 * Openings of small ciphertexts (data keys: what Secrets Manager decrypts on every read of a
 * secret, and what envelope encryption decrypts again and again), in memory only, by the
 * material's KeyObject and then by GCM tag, each with the AAD and sealed bytes it was opened from.
 * An AES-GCM open's result is fixed by its key, AAD, nonce, tag and ciphertext, so an entry whose
 * bytes are equal to the request's is the answer the open would give; the key's state, its policy
 * and grants and the Decrypt event are still checked and written for every call by the callers.
 * Dropped with the KeyObject (the vault lets it go when a key is forgotten), and all at once
 * beyond OPENINGS_LIMIT.
 */
interface Opening {
  aad: Buffer;
  sealed: Buffer;
  plaintext: Buffer;
}
let openings = new WeakMap<KeyObject, Map<string, Opening>>();
let openingsCount = 0;
const OPENINGS_LIMIT = 10_000;
/** Plaintexts up to this size are kept: data keys (16–64 bytes), not 4 KiB payloads. */
const SMALL_PLAINTEXT = 64;

/** Decrypts, or returns undefined if the tag does not verify (wrong context, tampering). A caller may change (zero) what it gets. */
export function openSymmetric(key: KeyObject, parsed: ParsedCiphertext, context: EncryptionContext | undefined): Buffer | undefined {
  const aad = additionalData(parsed.headerBytes, context);
  const tag = parsed.tag.toString('latin1');
  const kept = openings.get(key)?.get(tag);
  if (kept && kept.sealed.equals(parsed.sealed) && kept.aad.equals(aad)) return Buffer.from(kept.plaintext);
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, parsed.nonce);
    decipher.setAAD(aad);
    decipher.setAuthTag(parsed.tag);
    plaintext = Buffer.concat([decipher.update(parsed.body), decipher.final()]);
  } catch {
    return undefined;
  }
  if (plaintext.length <= SMALL_PLAINTEXT) keep(key, tag, { aad, sealed: parsed.sealed, plaintext });
  return plaintext;
}

/** Copies of what `opening` holds, in one buffer of their own: a slice of Node's shared pool would keep a whole 8 KiB slab alive. */
function keep(key: KeyObject, tag: string, opening: Opening): void {
  if (++openingsCount > OPENINGS_LIMIT) {
    openings = new WeakMap();
    openingsCount = 1;
  }
  let byTag = openings.get(key);
  if (!byTag) openings.set(key, (byTag = new Map()));
  const { aad, sealed, plaintext } = opening;
  const own = Buffer.allocUnsafeSlow(aad.length + sealed.length + plaintext.length);
  aad.copy(own, 0);
  sealed.copy(own, aad.length);
  plaintext.copy(own, aad.length + sealed.length);
  byTag.set(tag, {
    aad: own.subarray(0, aad.length),
    sealed: own.subarray(aad.length, aad.length + sealed.length),
    plaintext: own.subarray(aad.length + sealed.length),
  });
}
