/**
 * Minimal DER encoder/decoder: just the TLV shapes the crypto layer builds or reads
 * (SubjectPublicKeyInfo, PKCS#8, SEC1, ECDSA/SM2 signatures, SM2 ciphertext).
 */

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  SEQUENCE: 0x30,
} as const;

export class DerError extends Error {
  override readonly name = 'DerError';
}

function encodeLength(len: number): Buffer {
  if (len < 0x80) return Buffer.from([len]);
  const bytes: number[] = [];
  for (let n = len; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, content: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

export function sequence(...items: Uint8Array[]): Buffer {
  return tlv(TAG.SEQUENCE, Buffer.concat(items));
}

export function octetString(content: Uint8Array): Buffer {
  return tlv(TAG.OCTET_STRING, content);
}

/** BIT STRING with zero unused bits. */
export function bitString(content: Uint8Array): Buffer {
  return tlv(TAG.BIT_STRING, Buffer.concat([Buffer.from([0]), content]));
}

/** Non-negative INTEGER from a bigint. */
export function integer(value: bigint): Buffer {
  if (value < 0n) throw new DerError('negative INTEGER not supported');
  let hex = value.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  let bytes = Buffer.from(hex, 'hex');
  if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(TAG.INTEGER, bytes);
}

export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map((p) => BigInt(p));
  if (parts.length < 2) throw new DerError(`bad OID ${dotted}`);
  const out: number[] = [];
  const arcs = [parts[0] * 40n + parts[1], ...parts.slice(2)];
  for (const arc of arcs) {
    const chunk: number[] = [];
    let v = arc;
    do {
      chunk.unshift(Number(v & 0x7fn));
      v >>= 7n;
    } while (v > 0n);
    for (let i = 0; i < chunk.length - 1; i++) chunk[i] |= 0x80;
    out.push(...chunk);
  }
  return tlv(TAG.OID, Buffer.from(out));
}

export interface Node {
  tag: number;
  /** The content octets (a view into the input). */
  content: Buffer;
  /** Offset just past this element in the parent buffer. */
  end: number;
}

/** Reads one TLV at `offset`. Definite lengths only, as DER requires. */
function read(buf: Buffer, offset = 0): Node {
  if (offset + 2 > buf.length) throw new DerError('truncated DER');
  const tag = buf[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tags not supported');
  let len = buf[offset + 1];
  let pos = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new DerError('bad DER length');
    if (pos + n > buf.length) throw new DerError('truncated DER');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[pos + i];
    if (len < 0x80 || buf[pos] === 0) throw new DerError('non-minimal DER length');
    pos += n;
  }
  if (pos + len > buf.length) throw new DerError('truncated DER');
  return { tag, content: buf.subarray(pos, pos + len), end: pos + len };
}

/** Reads exactly one element spanning the whole buffer. */
export function readWhole(buf: Buffer, expectedTag?: number): Node {
  const node = read(buf, 0);
  if (node.end !== buf.length) throw new DerError('trailing bytes after DER element');
  if (expectedTag !== undefined && node.tag !== expectedTag) throw new DerError(`expected tag 0x${expectedTag.toString(16)}`);
  return node;
}

/** The children of a constructed element's content. */
export function children(content: Buffer): Node[] {
  const out: Node[] = [];
  let pos = 0;
  while (pos < content.length) {
    const node = read(content, pos);
    out.push(node);
    pos = node.end;
  }
  return out;
}

export function expectTag(node: Node | undefined, tag: number, what: string): Node {
  if (!node || node.tag !== tag) throw new DerError(`expected ${what}`);
  return node;
}

/** Non-negative INTEGER content → bigint, rejecting negative and non-minimal encodings. */
export function readInteger(node: Node): bigint {
  const c = node.content;
  if (node.tag !== TAG.INTEGER || c.length === 0) throw new DerError('expected INTEGER');
  if (c[0] & 0x80) throw new DerError('negative INTEGER');
  if (c.length > 1 && c[0] === 0 && !(c[1] & 0x80)) throw new DerError('non-minimal INTEGER');
  return c.length ? BigInt('0x' + c.toString('hex')) : 0n;
}

export function decodeOid(content: Buffer): string {
  const arcs: bigint[] = [];
  let v = 0n;
  for (const byte of content) {
    v = (v << 7n) | BigInt(byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(v);
      v = 0n;
    }
  }
  if (arcs.length === 0) throw new DerError('empty OID');
  const first = arcs[0] < 80n ? arcs[0] / 40n : 2n;
  return [first, arcs[0] - first * 40n, ...arcs.slice(1)].join('.');
}

/** Big-endian fixed-width bytes of a non-negative bigint. */
export function bigintToBytes(value: bigint, length: number): Buffer {
  const hex = value.toString(16).padStart(length * 2, '0');
  if (hex.length > length * 2) throw new DerError('integer too large for field');
  return Buffer.from(hex, 'hex');
}

export function bytesToBigint(bytes: Uint8Array): bigint {
  return bytes.length ? BigInt('0x' + Buffer.from(bytes).toString('hex')) : 0n;
}
