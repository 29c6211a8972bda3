// KMS grants: where they are stored, the rules CreateGrant applies (operations the key type
// allows, encryption-context constraints, principals), Name idempotency, and the ListGrants
// entry. Grants are stored, listed, retired and revoked; they are not yet evaluated as a source
// of permission (strict mode will read these records).
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { CreateGrantRequest, GrantListEntry, GrantOperation } from '../../protocol/generated/kms';
import { InvalidArnException, InvalidGrantIdException, ValidationException } from '../../protocol/errors';
import type { BatchOp, Store, Table } from '../../store/store';
import { partition } from '../../regions';
import type { KmsContext } from './context';
import type { KmsEngine } from './engine';
import { checkDryRun } from './requests';
import type { GrantRecord, KeyRecord } from './records';

/** Where a key's grants and the retiring-principal index live, per account and region. */
class GrantRepository {
  constructor(private readonly store: Store) {}

  /** "<keyId> <grantId>" → grant: a key's grants are one range scan. */
  grants(accountId: string, region: string): Table<GrantRecord> {
    return this.store.table<GrantRecord>(accountId, region, 'kms', 'grants');
  }

  /** "<retiring principal> <keyId> <grantId>" → "<keyId> <grantId>", for ListRetirableGrants. */
  retiring(accountId: string, region: string): Table<string> {
    return this.store.table<string>(accountId, region, 'kms', 'grants-retiring');
  }

  /** A key's grants after `marker` (a grant id), in grant id order. */
  async ofKey(key: KeyRecord, options: { after?: string; limit?: number } = {}): Promise<GrantRecord[]> {
    const prefix = `${key.keyId} `;
    const entries = await this.grants(key.accountId, key.region).range({ gt: prefix + (options.after ?? ''), lt: `${key.keyId}!`, limit: options.limit });
    return entries.map(([, grant]) => grant);
  }

  get(key: KeyRecord, grantId: string): Promise<GrantRecord | undefined> {
    return this.grants(key.accountId, key.region).get(`${key.keyId} ${grantId}`);
  }

  put(key: KeyRecord, grant: GrantRecord): BatchOp[] {
    const local = `${grant.keyId} ${grant.grantId}`;
    const ops = [this.grants(key.accountId, key.region).put(local, grant)];
    const retiring = retiringOf(grant);
    if (retiring) ops.push(this.retiring(key.accountId, key.region).put(`${retiring} ${local}`, local));
    return ops;
  }

  del(key: Pick<KeyRecord, 'accountId' | 'region'>, grant: GrantRecord): BatchOp[] {
    const local = `${grant.keyId} ${grant.grantId}`;
    const ops = [this.grants(key.accountId, key.region).del(local)];
    const retiring = retiringOf(grant);
    if (retiring) ops.push(this.retiring(key.accountId, key.region).del(`${retiring} ${local}`));
    return ops;
  }
}

/** The grant tables of the engine's store. */
export function grantRepository(kms: KmsEngine): GrantRepository {
  return new GrantRepository(kms.deps.store);
}

/** The principal ListRetirableGrants finds a grant under. */
function retiringOf(grant: GrantRecord): string | undefined {
  return grant.retiringPrincipal ?? grant.retiringServicePrincipal;
}

/** The grant operations a key allows, by key usage and spec (AWS developer guide, "Grant operations"). */
function allowedOperations(key: KeyRecord): GrantOperation[] {
  const common: GrantOperation[] = ['CreateGrant', 'RetireGrant', 'DescribeKey'];
  switch (key.keyUsage) {
    case 'ENCRYPT_DECRYPT':
      return key.keySpec === 'SYMMETRIC_DEFAULT'
        ? [...common, 'Decrypt', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext', 'ReEncryptFrom', 'ReEncryptTo']
        : [...common, 'Decrypt', 'Encrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GetPublicKey'];
    case 'SIGN_VERIFY':
      return [...common, 'Sign', 'Verify', 'GetPublicKey'];
    case 'GENERATE_VERIFY_MAC':
      return [...common, 'GenerateMac', 'VerifyMac'];
    case 'KEY_AGREEMENT':
      return [...common, 'DeriveSharedSecret', 'GetPublicKey'];
    case 'ENCAPSULATE_DECAPSULATE':
      return [...common, 'Encapsulate', 'Decapsulate', 'GetPublicKey'];
  }
}

// IAM principal ARNs AWS accepts as grantee or retiring principal: an account (root), IAM users
// and roles, federated users, assumed-role sessions.
const PRINCIPAL_ARN = /^arn:aws[a-z-]*:(iam::\d{12}:(root|user\/.+|role\/.+|federated-user\/.+)|sts::\d{12}:(assumed-role\/.+\/.+|federated-user\/.+))$/;

/** Messages below are unverified against AWS (no recording); they name the member and the rule. */
function checkPrincipal(member: string, value: string | undefined): void {
  if (value !== undefined && !PRINCIPAL_ARN.test(value)) throw new InvalidArnException(`${member} ${value} is not a valid principal ARN.`);
}

/** CreateGrant's checks beyond the model, before the grant is made. */
export function checkGrantRequest(key: KeyRecord, input: CreateGrantRequest): void {
  if (input.GranteePrincipal === undefined && input.GranteeServicePrincipal === undefined) {
    throw new ValidationException('Either GranteePrincipal or GranteeServicePrincipal must be specified.');
  }
  checkPrincipal('GranteePrincipal', input.GranteePrincipal);
  checkPrincipal('RetiringPrincipal', input.RetiringPrincipal);
  if (input.Operations.length === 0) throw new ValidationException('Operations must contain at least one grant operation.');
  const allowed = allowedOperations(key);
  const refused = input.Operations.filter((op) => !allowed.includes(op));
  if (refused.length > 0) throw new ValidationException(`Grant operations [${refused.join(', ')}] are not valid for a ${key.keySpec} key with key usage ${key.keyUsage}.`);
  const { EncryptionContextEquals, EncryptionContextSubset } = input.Constraints ?? {};
  // AWS: encryption-context constraints exist only for symmetric encryption keys, whose
  // operations take an encryption context; asymmetric and HMAC operations do not.
  if ((EncryptionContextEquals || EncryptionContextSubset) && key.keySpec !== 'SYMMETRIC_DEFAULT') {
    throw new ValidationException(`Encryption context grant constraints are not supported for ${key.keySpec} keys.`);
  }
}

/** The grant CreateGrant makes (a new 64-hex id). */
export function newGrant(key: KeyRecord, input: CreateGrantRequest, callerAccount: string, now: Date): GrantRecord {
  return {
    grantId: randomBytes(32).toString('hex'),
    keyId: key.keyId,
    keyArn: key.arn,
    name: input.Name ?? '',
    createdAt: now.getTime(),
    granteePrincipal: input.GranteePrincipal,
    granteeServicePrincipal: input.GranteeServicePrincipal,
    retiringPrincipal: input.RetiringPrincipal,
    retiringServicePrincipal: input.RetiringServicePrincipal,
    issuingAccount: `arn:${partition(key.region)}:iam::${callerAccount}:root`,
    operations: input.Operations,
    constraints: input.Constraints,
  };
}

/** What makes two CreateGrant calls "identical parameters" for Name idempotency, in stored (JSON) form. */
function parameters(grant: GrantRecord): unknown {
  const { granteePrincipal, granteeServicePrincipal, retiringPrincipal, retiringServicePrincipal, constraints } = grant;
  return JSON.parse(JSON.stringify({ granteePrincipal, granteeServicePrincipal, retiringPrincipal, retiringServicePrincipal, constraints, operations: [...grant.operations].sort() })) as unknown;
}

/**
 * Name idempotency (AWS CreateGrant): a named grant whose parameters equal an existing grant of
 * the same name on the same key is that grant; a different key or different parameters make a
 * new one.
 */
export function sameGrant(existing: GrantRecord[], wanted: GrantRecord): GrantRecord | undefined {
  if (!wanted.name) return undefined;
  return existing.find((grant) => grant.name === wanted.name && isDeepStrictEqual(parameters(grant), parameters(wanted)));
}

/** A ListGrants / ListRetirableGrants entry: unset members omitted. */
export function grantEntry(grant: GrantRecord): GrantListEntry {
  return {
    KeyId: grant.keyArn,
    GrantId: grant.grantId,
    Name: grant.name,
    CreationDate: new Date(grant.createdAt),
    GranteePrincipal: grant.granteePrincipal,
    GranteeServicePrincipal: grant.granteeServicePrincipal,
    RetiringPrincipal: grant.retiringPrincipal,
    RetiringServicePrincipal: grant.retiringServicePrincipal,
    IssuingAccount: grant.issuingAccount,
    Operations: grant.operations,
    Constraints: grant.constraints,
  };
}

/** Unknown grant id on a key (RetireGrant, RevokeGrant). Message unverified against AWS. */
function grantNotFound(grantId: string): InvalidGrantIdException {
  return new InvalidGrantIdException(`Grant ID ${grantId} not found`);
}

/**
 * RetireGrant and RevokeGrant: deletes a grant of a key in any state (FIDELITY B4), under the
 * key's lock; an unknown grant id is InvalidGrantIdException. DryRun answers after the checks.
 */
export async function removeGrant(ctx: KmsContext, keyId: string, grantId: string, input: { DryRun?: boolean }): Promise<void> {
  const grants = grantRepository(ctx.kms);
  await ctx.kms.updateKey(ctx, keyId, {}, async (key) => {
    const grant = await grants.get(key, grantId);
    if (!grant) throw grantNotFound(grantId);
    checkDryRun(input);
    return { ops: grants.del(key, grant), result: undefined };
  });
}

/** The deletes of every grant of a key (with their index entries), for the key's purge. */
export async function deleteGrantsOf(kms: KmsEngine, key: KeyRecord): Promise<BatchOp[]> {
  const grants = grantRepository(kms);
  return (await grants.ofKey(key)).flatMap((grant) => grants.del(key, grant));
}
