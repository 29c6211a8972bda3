// Sealing of sensitive values at rest: AES-256-GCM under the root key. The root key comes
// from STRONGROOM_ROOT_KEY (64 hex chars or base64 of 32 bytes), else from `root.key` in the
// data dir (see data-dir.ts); an in-memory store uses a fresh random key.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const FORMAT = 1;
const NONCE = 12;
const TAG = 16;
const KEY_BYTES = 32;

export class Sealer {
  constructor(private key: Buffer) {
    checkLength(key);
  }

  /**
   * A reset gives the store a new root key. Services hold this Sealer (the KMS material vault
   * does), so the key changes in place rather than the store handing out a new Sealer.
   */
  replaceKey(key: Buffer): void {
    checkLength(key);
    this.key = key;
  }

  /** `aad` binds a sealed value to where it is stored, so blobs cannot be swapped between records. */
  seal(plaintext: Buffer, aad = ''): Buffer {
    const nonce = randomBytes(NONCE);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([Buffer.of(FORMAT), nonce, cipher.getAuthTag(), body]);
  }

  unseal(sealed: Buffer, aad = ''): Buffer {
    if (sealed[0] !== FORMAT) throw new Error('unknown sealed format');
    const nonce = sealed.subarray(1, 1 + NONCE);
    const tag = sealed.subarray(1 + NONCE, 1 + NONCE + TAG);
    const decipher = createDecipheriv('aes-256-gcm', this.key, nonce);
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(1 + NONCE + TAG)), decipher.final()]);
  }
}

function checkLength(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error('the root key must be 32 bytes');
}

export function newRootKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** A root key written as text (`source` names where it came from, for the error). */
export function parseRootKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${source} must be 32 bytes, as 64 hex characters or base64`);
  return key;
}

/** Identifies a root key without revealing it: an HMAC under the key of a fixed label. */
export function fingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('strongroom root key fingerprint').digest('hex');
}
