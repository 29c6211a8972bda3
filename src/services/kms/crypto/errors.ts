/**
 * The one error type of the crypto layer. It carries a stable `reason` code that the KMS
 * operations map to AWS exceptions; the message is for logs and humans only.
 */
export type CryptoErrorReason =
  /** The spec / algorithm / usage name is not one we know. */
  | 'UNKNOWN_SPEC'
  /** The signing/encryption/MAC/agreement algorithm is not valid for this key spec. */
  | 'ALGORITHM_MISMATCH'
  /** The key spec has no such key usage. */
  | 'USAGE_MISMATCH'
  /** The MessageType is not valid for the signing algorithm (e.g. DIGEST with ED25519_SHA_512). */
  | 'MESSAGE_TYPE'
  /** A DIGEST (or EXTERNAL_MU) message whose length differs from the algorithm's digest length. */
  | 'DIGEST_LENGTH'
  /** The peer / recipient public key is unparsable, of another type, or on another curve. */
  | 'BAD_PUBLIC_KEY'
  /** Key material that cannot be parsed or does not belong to the key spec. */
  | 'BAD_KEY_MATERIAL'
  /** Plaintext longer than the algorithm allows for this key; `details.limit` is the maximum. */
  | 'PLAINTEXT_TOO_LARGE'
  /** Ciphertext that does not decrypt (bad padding, wrong key, wrong algorithm, corrupt). */
  | 'DECRYPT_FAILED'
  /** A KEM ciphertext of the wrong length for the parameter set. */
  | 'BAD_CIPHERTEXT'
  /** Something this emulator cannot do (documented per call site). */
  | 'UNSUPPORTED';

export class CryptoInputError extends Error {
  override readonly name = 'CryptoInputError';
  readonly reason: CryptoErrorReason;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(reason: CryptoErrorReason, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.reason = reason;
    this.details = details;
  }
}

/** Rejects values that are not byte arrays: a programming error, not a CryptoInputError. */
export function asBuffer(value: unknown, what: string): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError(`${what} must be a Buffer or Uint8Array`);
}
