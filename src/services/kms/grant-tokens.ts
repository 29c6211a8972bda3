// Grant tokens. AWS's tokens are base64url: a version byte 0x01, then protobuf-like fields —
// field 1 the 64-hex grant id, field 4 an encrypted blob (the example token in AWS's CreateGrant
// reference decodes so). Ours have the same frame; the blob is the key ARN sealed under the
// root key with the grant id as AAD, so a token names its grant and key and cannot be forged.
// Every CreateGrant answers a fresh token (the seal is randomised), as AWS does.
import { InvalidGrantTokenException } from '../../protocol/errors';
import type { ServiceModel } from '../../protocol/model';
import type { Sealer } from '../../store/sealing';
import type { Operation } from '../service';
import type { KmsEngine } from './engine';

const VERSION = 0x01;
const GRANT_ID_FIELD = 0x0a;
const BLOB_FIELD = 0x22;
const GRANT_ID_HEX = 64;

export interface TokenGrant {
  grantId: string;
  keyArn: string;
}

function varint(n: number): Buffer {
  const bytes: number[] = [];
  while (n >= 0x80) {
    bytes.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  bytes.push(n);
  return Buffer.from(bytes);
}

export function newGrantToken(kms: KmsEngine, grant: TokenGrant): string {
  const blob = kms.deps.store.sealer.seal(Buffer.from(grant.keyArn, 'utf8'), `grant-token#${grant.grantId}`);
  return Buffer.concat([Buffer.of(VERSION, GRANT_ID_FIELD, GRANT_ID_HEX), Buffer.from(grant.grantId, 'ascii'), Buffer.of(BLOB_FIELD), varint(blob.length), blob]).toString('base64url');
}

/** The grant a token names, or undefined for a token that is not one of ours (malformed, forged, or from before a reset). */
function readGrantToken(sealer: Sealer, token: string): TokenGrant | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const bytes = Buffer.from(token, 'base64url');
  const head = 3 + GRANT_ID_HEX;
  if (bytes.length < head + 2 || bytes[0] !== VERSION || bytes[1] !== GRANT_ID_FIELD || bytes[2] !== GRANT_ID_HEX || bytes[head] !== BLOB_FIELD) return undefined;
  const grantId = bytes.subarray(3, head).toString('ascii');
  if (!/^[0-9a-f]{64}$/.test(grantId)) return undefined;
  let length = 0;
  let shift = 0;
  let at = head + 1;
  for (; at < bytes.length && shift < 28; at++, shift += 7) {
    length |= (bytes[at] & 0x7f) << shift;
    if (bytes[at] < 0x80) break;
  }
  const blob = bytes.subarray(at + 1);
  if (blob.length !== length) return undefined;
  try {
    return { grantId, keyArn: sealer.unseal(blob, `grant-token#${grantId}`).toString('utf8') };
  } catch {
    return undefined;
  }
}

/** Message unverified against AWS (the model documents the error as "malformed or expired"). */
function invalidToken(): InvalidGrantTokenException {
  return new InvalidGrantTokenException('The grant token is malformed or expired.');
}

/** RetireGrant's token: the grant and key it names, or InvalidGrantTokenException. */
export function parseGrantToken(kms: KmsEngine, token: string): TokenGrant {
  const grant = readGrantToken(kms.deps.store.sealer, token);
  if (!grant) throw invalidToken();
  return grant;
}

/**
 * `GrantTokens` of any operation: each must be a token CreateGrant issued. A well-formed token of
 * a grant that is gone (retired, revoked) is accepted, as AWS accepts tokens of grants that are
 * not yet consistent everywhere; whether the grant allows the call is strict mode's question.
 */
function checkGrantTokens(kms: KmsEngine, tokens: string[] | undefined): void {
  for (const token of tokens ?? []) parseGrantToken(kms, token);
}

/**
 * The operation table with every operation whose input has `GrantTokens` checking them first:
 * one place for the ~20 operations that take grant tokens.
 */
export function checkingGrantTokens<C extends { kms: KmsEngine }>(model: ServiceModel, operations: Partial<Record<string, Operation<C>>>): Partial<Record<string, Operation<C>>> {
  const table: Partial<Record<string, Operation<C>>> = {};
  for (const [name, handler] of Object.entries(operations)) {
    const input = model.operations[name]?.input;
    const takesTokens = input !== undefined && model.shapes[input]?.members?.GrantTokens !== undefined;
    table[name] =
      takesTokens && handler
        ? (ctx: C, request: never) => {
            checkGrantTokens(ctx.kms, (request as { GrantTokens?: string[] }).GrantTokens);
            return handler(ctx, request);
          }
        : handler;
  }
  return table;
}
