// Temporary credentials (STS) that need no storage: the session token is the session itself,
// sealed (AES-256-GCM) under the store's root key with the principal, the secret access key and
// the expiration inside. A token survives a restart with the same root key, and one Strongroom
// did not issue (or issued under another root key) does not unseal.
import { randomBytes } from 'node:crypto';
import type { Principal } from '../pipeline/context';
import { ExpiredTokenException, UnrecognizedClientException } from '../protocol/errors';
import type { Sealer } from '../store/sealing';
import type { KeyOwner, TemporaryCredentials } from './types';

/** Binds sealed tokens to their use: no other sealed value of Strongroom's passes for one. */
const TOKEN_AAD = 'strongroom sts session token';
const TEMPORARY_PREFIX = 'ASIA';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ACCOUNT_SHIFT = 128;
const MAX_ACCOUNT = 999_999_999_999;

interface SealedSession {
  secretAccessKey: string;
  /** Epoch milliseconds on the emulated clock. */
  expiration: number;
  principal: Principal;
}

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return bits > 0 ? out + BASE32[(value << (5 - bits)) & 31] : out;
}

function unbase32(text: string): Buffer | undefined {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text) {
    const digit = BASE32.indexOf(char);
    if (digit < 0) return undefined;
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/**
 * `ASIA` and 16 base-32 characters that, as in AWS's own key ids, carry the account: the first
 * six bytes are the account id shifted left by 7 bits, plus random bits (GetAccessKeyInfo reads
 * the account back from the id alone).
 */
function temporaryKeyId(accountId: string): string {
  const bytes = randomBytes(10);
  const head = Number(accountId) * ACCOUNT_SHIFT + (bytes[5] & 0x7f);
  bytes.writeUIntBE(head, 0, 6);
  return TEMPORARY_PREFIX + base32(bytes);
}

/** The account a temporary (`ASIA…`) access key id carries, if it is one. */
export function accountOfTemporaryKey(accessKeyId: string): string | undefined {
  if (!accessKeyId.startsWith(TEMPORARY_PREFIX) || accessKeyId.length !== 20) return undefined;
  const bytes = unbase32(accessKeyId.slice(TEMPORARY_PREFIX.length));
  if (!bytes) return undefined;
  const account = Math.floor(bytes.readUIntBE(0, 6) / ACCOUNT_SHIFT);
  return account <= MAX_ACCOUNT ? String(account).padStart(12, '0') : undefined;
}

export const isTemporaryKey = (accessKeyId: string): boolean => accessKeyId.startsWith(TEMPORARY_PREFIX);

/** Temporary credentials for `principal` until `expiration`: the token seals everything they are. */
export function issueSession(sealer: Sealer, principal: Principal, expiration: Date): TemporaryCredentials {
  const accessKeyId = temporaryKeyId(principal.accountId);
  // 30 random bytes are AWS's 40 characters of secret access key.
  const secretAccessKey = randomBytes(30).toString('base64');
  const session: SealedSession = { secretAccessKey, expiration: expiration.getTime(), principal: { ...principal, accessKeyId } };
  const sessionToken = sealer.seal(Buffer.from(JSON.stringify(session), 'utf8'), TOKEN_AAD).toString('base64');
  return { accessKeyId, secretAccessKey, sessionToken, expiration };
}

/**
 * Who a session token names, for a request signed with `accessKeyId`. A token that does not
 * unseal or that belongs to another access key is not recognized; one past its expiration on
 * the emulated clock `now` is expired.
 */
export function openSession(sealer: Sealer, accessKeyId: string, sessionToken: string, now: Date): KeyOwner {
  let session: SealedSession;
  try {
    session = JSON.parse(sealer.unseal(Buffer.from(sessionToken, 'base64'), TOKEN_AAD).toString('utf8')) as SealedSession;
  } catch {
    throw new UnrecognizedClientException();
  }
  if (session.principal.accessKeyId !== accessKeyId) throw new UnrecognizedClientException();
  if (now.getTime() >= session.expiration) throw new ExpiredTokenException();
  return { secretAccessKey: session.secretAccessKey, principal: session.principal };
}
