// Shared steps of the key-management operations (EnableKey, TagResource, PutKeyPolicy, …).
// They act only on keys of the caller's own account (AWS: "Cross-account use: No"), and they
// never change an AWS managed key: its key policy grants the account Describe*, Get*, List*
// and RevokeGrant only, so AWS denies every other action on it.
import { AccessDeniedException } from '../../protocol/errors';
import type { BatchOp } from '../../store/store';
import type { KmsContext } from './context';
import { keyNotFound, parseKeyReference, type KeyScope, type StateRule } from './keys';
import type { KeyRecord } from './records';

type KeyChange<T> = (key: KeyRecord) => { ops: BatchOp[]; result: T } | Promise<{ ops: BatchOp[]; result: T }>;

/** AWS's denial of an action the AWS managed key's policy does not allow. */
function notAuthorized(ctx: KmsContext, action: string, key: KeyRecord): AccessDeniedException {
  return new AccessDeniedException(
    `User: ${ctx.principal.arn} is not authorized to perform: kms:${action} on resource: ${key.arn} because no resource-based policy allows the kms:${action} action`,
  );
}

/** A key ARN of another account names no key the caller may manage (authorization resolves such keys the same way). */
export function checkOwnAccount(scope: KeyScope, keyId: string): void {
  const ref = parseKeyReference(scope, keyId, false);
  if (ref.kind === 'key' && ref.accountId !== scope.accountId) throw keyNotFound(ref.accountId, ref.region, ref.keyId);
}

/** A key of the caller's account by key id or key ARN (aliases are not accepted). */
export function findOwnKey(ctx: KmsContext, keyId: string, state: StateRule = 'any'): Promise<KeyRecord> {
  checkOwnAccount(ctx, keyId);
  return ctx.kms.findKey(ctx, keyId, { state });
}

/**
 * Read-modify-write of a customer managed key of the caller's account, under the key's lock:
 * `change` returns the batch to commit. `action` names the permission in AWS's denial for
 * AWS managed keys.
 */
export function changeCustomerKey<T>(ctx: KmsContext, keyId: string, action: string, state: StateRule, change: KeyChange<T>): Promise<T> {
  checkOwnAccount(ctx, keyId);
  return ctx.kms.updateKey(ctx, keyId, { state }, (key) => {
    if (key.keyManager === 'AWS') throw notAuthorized(ctx, action, key);
    return change(key);
  });
}

/** Stores `key` with `patch` applied; for changes that touch only the key record. */
export function putChanged(ctx: KmsContext, key: KeyRecord, patch: Partial<KeyRecord>): { ops: BatchOp[]; result: undefined } {
  return { ops: [ctx.kms.putKey({ ...key, ...patch })], result: undefined };
}
