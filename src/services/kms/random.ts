// CSPRNG bytes for the hot path (nonces, data keys). node:crypto's randomBytes costs about 5 µs
// per call whatever the size (one OpenSSL RAND_bytes call each), and Encrypt or GenerateDataKey
// needs two small draws per request; drawing 4 KiB at a time makes that nearly free. Every pool
// byte is handed out once, copied, and a used pool is dropped, never refilled in place.
import { randomBytes, randomFillSync } from 'node:crypto';

const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

export function randomBytesPooled(size: number): Buffer {
  if (size > POOL_SIZE) return randomBytes(size);
  if (offset + size > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafeSlow(POOL_SIZE));
    offset = 0;
  }
  const out = Buffer.from(pool.subarray(offset, offset + size));
  offset += size;
  return out;
}
