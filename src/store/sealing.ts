// Sealing of sensitive values at rest: AES-256-GCM under the root key. The root key comes
// from STRONGROOM_ROOT_KEY (64 hex chars or base64 of 32 bytes), else from `root.key` in the
// data dir, created 0600 on first start; an in-memory store uses a fresh random key.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FORMAT = 1;
const NONCE = 12;
const TAG = 16;
export const ROOT_KEY_FILE = 'root.key';

export class Sealer {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the root key must be 32 bytes');
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

function parseRootKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('STRONGROOM_ROOT_KEY must be 32 bytes, as 64 hex characters or base64');
  return key;
}

/** The root key for a store: given, from the data dir's key file, or newly created there. */
export function loadRootKey(given: string | undefined, dataDir: string | undefined): Buffer {
  if (given) return parseRootKey(given);
  if (!dataDir) return randomBytes(32);
  const file = join(dataDir, ROOT_KEY_FILE);
  if (existsSync(file)) return parseRootKey(readFileSync(file, 'utf8'));
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}
