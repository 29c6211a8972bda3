// What each KMS operation needs to be allowed (docs/access-control.md): the actions, resources
// and condition keys of AWS's Service Authorization Reference ("Actions, resources, and
// condition keys for AWS Key Management Service") and of each API page's "Required
// permissions" and "Cross-account use". Keys are resolved exactly as the handlers resolve them
// (findKey; management operations only in the caller's account); a key that does not exist
// gives no target, so the handler answers NotFoundException first, as AWS does. A key target
// carries the key policy (authoritative) and whether a grant allows the caller.
import { isDeepStrictEqual } from 'node:util';
import { storedPolicy } from '../../auth/policy/grammar';
import { perFrozen } from '../../memo';
import type { AuthorizationTarget, ConditionValues } from '../../auth/types';
import type * as Kms from '../../protocol/generated/kms';
import { AwsError } from '../../protocol/errors';
import { addCondition, conditionValues, frozenConditions, mergeConditions } from '../shared/authorization';
import { aliasesOf } from './aliases';
import type { EncryptionContext } from './ciphertext';
import type { KmsContext } from './context';
import { ciphertextIn } from './engine';
import { parseGrantToken } from './grant-tokens';
import { grantRepository } from './grants';
import { aliasArn } from './identifiers';
import { parseKeyReference, relatedRegions, type KeyScope } from './keys';
import { checkOwnAccount } from './management';
import type { GrantRecord, KeyRecord } from './records';
import { ignoresCiphertext } from './requests';

type Targets = Promise<AuthorizationTarget[]>;
type Describer = (ctx: KmsContext, input: never) => Targets;

/** How an operation's handler finds its key: whether it takes aliases, and whether only the caller's account (AWS "Cross-account use: No"). */
interface Lookup {
  aliases: boolean;
  own: boolean;
}
const CRYPTO: Lookup = { aliases: true, own: false };
const ANY_ACCOUNT: Lookup = { aliases: false, own: false };
const OWN: Lookup = { aliases: false, own: true };

/** The key `keyId` names as the operation's handler resolves it, or undefined when it names none (the handler answers NotFoundException). */
async function lookupKey(ctx: KmsContext, keyId: string | undefined, how: Lookup): Promise<KeyRecord | undefined> {
  if (keyId === undefined) return undefined;
  // A scope without `resources`: the handler notes the key it resolves, once.
  const scope: KeyScope = { accountId: ctx.accountId, region: ctx.region, now: ctx.now };
  try {
    if (how.own) checkOwnAccount(scope, keyId);
    return await ctx.kms.findKey(scope, keyId, { aliases: how.aliases });
  } catch (err) {
    if (err instanceof AwsError) return undefined;
    throw err;
  }
}

/**
 * The condition keys of the `key` resource type: its spec, usage, origin, multi-Region type and
 * tags (its aliases are deferred: see onKey). Made once per cached key record (read-only).
 */
const keyConditions = perFrozen((key: KeyRecord): ConditionValues => {
  const c: ConditionValues = {};
  addCondition(c, 'kms:KeySpec', key.keySpec);
  addCondition(c, 'kms:KeyUsage', key.keyUsage);
  addCondition(c, 'kms:KeyOrigin', key.origin);
  // Deprecated names AWS still evaluates.
  addCondition(c, 'kms:CustomerMasterKeySpec', key.keySpec);
  addCondition(c, 'kms:CustomerMasterKeyUsage', key.keyUsage);
  addCondition(c, 'kms:MultiRegion', String(key.multiRegion));
  if (key.multiRegion) addCondition(c, 'kms:MultiRegionKeyType', relatedRegions(key).primary === key.region ? 'PRIMARY' : 'REPLICA');
  for (const tag of key.tags) addCondition(c, `aws:ResourceTag/${tag.TagKey}`, tag.TagValue);
  return c;
}, frozenConditions);

/** kms:EncryptionContext:<key> (one per pair) and kms:EncryptionContextKeys, for a request that has a context. */
function contextConditions(context: EncryptionContext | undefined): ConditionValues {
  const c: ConditionValues = {};
  for (const [key, value] of Object.entries(context ?? {})) {
    addCondition(c, `kms:EncryptionContext:${key}`, value);
    addCondition(c, 'kms:EncryptionContextKeys', key);
  }
  return c;
}

/** kms:RequestAlias: the alias name a KeyId used (alias name or alias ARN). */
function requestAlias(ctx: KmsContext, keyId: string | undefined): ConditionValues {
  if (keyId === undefined) return {};
  const ref = parseKeyReference(ctx, keyId, true);
  return ref.kind === 'alias' ? { 'kms:requestalias': [ref.aliasName] } : {};
}

/** Operations whose grants are conditioned by the request's encryption context (AWS: grant constraints apply to cryptographic operations that take one). */
const CONTEXT_OPERATIONS = new Set<Kms.GrantOperation>(['Encrypt', 'Decrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext']);

const GRANT_OPERATIONS = new Set<string>([...CONTEXT_OPERATIONS, 'Sign', 'Verify', 'GetPublicKey', 'CreateGrant', 'RetireGrant', 'DescribeKey', 'GenerateMac', 'VerifyMac', 'DeriveSharedSecret', 'Encapsulate', 'Decapsulate']);

/** Whether a grant's encryption-context constraint holds for the request's context. */
function constraintHolds(grant: GrantRecord, context: EncryptionContext | undefined): boolean {
  const { EncryptionContextEquals: equals, EncryptionContextSubset: subset } = grant.constraints ?? {};
  const given = context ?? {};
  if (equals && !isDeepStrictEqual({ ...equals }, { ...given })) return false;
  if (subset && !Object.entries(subset).every(([k, v]) => given[k] === v)) return false;
  return true;
}

/** Whether the caller is a grant's grantee: its ARN, or the role its session was made from. */
function isGrantee(ctx: KmsContext, grant: GrantRecord): boolean {
  const { arn, principalArn } = ctx.principal;
  return grant.granteePrincipal !== undefined && (grant.granteePrincipal === arn || grant.granteePrincipal === principalArn);
}

/**
 * Whether a grant on `key` allows the caller `operation` (a grant operation name). Grants are
 * effective as soon as they exist (AWS: eventually consistent, immediately with a grant token).
 */
async function grantAllows(ctx: KmsContext, key: KeyRecord, operation: string, context: EncryptionContext | undefined): Promise<boolean> {
  const grants = await grantRepository(ctx.kms).ofKey(key);
  const contextual = CONTEXT_OPERATIONS.has(operation as Kms.GrantOperation);
  return grants.some((grant) => isGrantee(ctx, grant) && grant.operations.includes(operation as Kms.GrantOperation) && (!contextual || constraintHolds(grant, context)));
}

/** A check of `action` (without `kms:`) on a key: its policy, its grants, its and the request's condition keys. */
async function onKey(ctx: KmsContext, action: string, key: KeyRecord, conditions: ConditionValues = {}, context?: EncryptionContext): Promise<AuthorizationTarget> {
  return {
    action: `kms:${action}`,
    resource: key.arn,
    resourceAccount: key.accountId,
    resourcePolicy: storedPolicy(key.policy),
    resourcePolicyKind: 'key',
    conditions: mergeConditions(keyConditions(key), contextConditions(context), conditions),
    // Both are scans (the key's grants, the account's aliases): read only when the decision needs them.
    deferred: {
      grantAllows: GRANT_OPERATIONS.has(action) ? () => grantAllows(ctx, key, action, context) : undefined,
      conditions: { 'kms:resourcealiases': async () => (await aliasesOf(ctx.kms, key.accountId, key.region, key.keyId)).map((alias) => alias.aliasName) },
    },
  };
}

/** A check of an action without a resource type (`*`): identity policies only. */
function onAccount(ctx: KmsContext, action: string, conditions: ConditionValues = {}): AuthorizationTarget {
  return { action: `kms:${action}`, resource: '*', resourceAccount: ctx.accountId, conditions };
}

/** A check on an alias: aliases have no policy, identity policies decide. */
function onAlias(ctx: KmsContext, action: string, aliasName: string): AuthorizationTarget {
  return { action: `kms:${action}`, resource: aliasArn(ctx.region, ctx.accountId, aliasName), resourceAccount: ctx.accountId, conditions: {} };
}

function accountWide(action: string): Describer {
  return (ctx) => Promise.resolve([onAccount(ctx, action)]);
}

/**
 * An operation on the one key its KeyId names: `conditions` from the request, `context` its
 * encryption context. kms:RequestAlias where the operation takes aliases.
 */
function onKeyId<I extends { KeyId?: string }>(action: string, how: Lookup, conditions?: (input: I, ctx: KmsContext) => ConditionValues, context?: (input: I) => EncryptionContext | undefined): Describer {
  return (async (ctx: KmsContext, input: I) => {
    const key = await lookupKey(ctx, input.KeyId, how);
    if (!key) return [];
    const extra = mergeConditions(conditions?.(input, ctx), how.aliases ? requestAlias(ctx, input.KeyId) : undefined);
    return [await onKey(ctx, action, key, extra, context?.(input))];
  }) as Describer;
}

/** aws:RequestTag/<key> and aws:TagKeys of the tags a request adds. */
function requestTags(tags: Kms.Tag[] | undefined): ConditionValues {
  const c: ConditionValues = {};
  for (const { TagKey, TagValue } of tags ?? []) {
    addCondition(c, `aws:RequestTag/${TagKey}`, TagValue);
    addCondition(c, 'aws:TagKeys', TagKey);
  }
  return c;
}

const encryption = (algorithm: string | undefined) => conditionValues({ 'kms:EncryptionAlgorithm': algorithm ?? 'SYMMETRIC_DEFAULT' });

/** Decrypt and ReEncrypt's source: the key a KeyId names, else the key the ciphertext names (no target for bytes that are not a ciphertext of this region). */
async function sourceKey(ctx: KmsContext, keyId: string | undefined, blob: Uint8Array | undefined): Promise<KeyRecord | undefined> {
  if (keyId !== undefined) return lookupKey(ctx, keyId, CRYPTO);
  const parsed = blob && ciphertextIn(Buffer.from(blob), ctx.region);
  return parsed && ctx.kms.repo.keys(parsed.header.accountId, ctx.region).get(parsed.header.keyId);
}

async function decrypt(ctx: KmsContext, input: Kms.DecryptRequest): Targets {
  const key = await sourceKey(ctx, input.KeyId, input.CiphertextBlob);
  if (!key) return [];
  return [await onKey(ctx, 'Decrypt', key, mergeConditions(encryption(input.EncryptionAlgorithm), requestAlias(ctx, input.KeyId)), input.EncryptionContext)];
}

/** ReEncrypt: kms:ReEncryptFrom on the source key and kms:ReEncryptTo on the destination. */
async function reEncrypt(ctx: KmsContext, input: Kms.ReEncryptRequest): Targets {
  // A dry run that ignores the ciphertext checks the source key only when one is named.
  const skipSource = ignoresCiphertext(input) && input.SourceKeyId === undefined;
  const source = skipSource ? undefined : await sourceKey(ctx, input.SourceKeyId, input.CiphertextBlob);
  const destination = await lookupKey(ctx, input.DestinationKeyId, CRYPTO);
  if ((!source && !skipSource) || !destination) return [];
  const sameKey = conditionValues({ 'kms:ReEncryptOnSameKey': source ? String(source.arn === destination.arn) : undefined });
  const to = await onKey(ctx, 'ReEncryptTo', destination, mergeConditions(encryption(input.DestinationEncryptionAlgorithm), requestAlias(ctx, input.DestinationKeyId), sameKey), input.DestinationEncryptionContext);
  if (!source) return [to];
  const from = await onKey(ctx, 'ReEncryptFrom', source, mergeConditions(encryption(input.SourceEncryptionAlgorithm), requestAlias(ctx, input.SourceKeyId), sameKey), input.SourceEncryptionContext);
  return [from, to];
}

const grantIsForAwsResource = (ctx: KmsContext) => conditionValues({ 'kms:GrantIsForAWSResource': String(ctx.invokedBy !== undefined) });

function constraintConditions(constraints: Kms.GrantConstraints | undefined): ConditionValues {
  const { EncryptionContextEquals: equals, EncryptionContextSubset: subset } = constraints ?? {};
  const c = contextConditions(equals ?? subset);
  addCondition(c, 'kms:GrantConstraintType', equals ? 'EncryptionContextEquals' : subset ? 'EncryptionContextSubset' : undefined);
  return c;
}

async function createGrant(ctx: KmsContext, input: Kms.CreateGrantRequest): Targets {
  const key = await lookupKey(ctx, input.KeyId, ANY_ACCOUNT);
  if (!key) return [];
  const c = mergeConditions(constraintConditions(input.Constraints), grantIsForAwsResource(ctx));
  for (const operation of input.Operations ?? []) addCondition(c, 'kms:GrantOperations', operation);
  addCondition(c, 'kms:GranteePrincipal', input.GranteePrincipal);
  addCondition(c, 'kms:RetiringPrincipal', input.RetiringPrincipal);
  return [await onKey(ctx, 'CreateGrant', key, c)];
}

/**
 * RetireGrant: the grant's retiring principal, and its grantee when the grant includes
 * RetireGrant, may retire it whatever the policies say (AWS); anyone else needs kms:RetireGrant.
 */
async function retireGrant(ctx: KmsContext, input: Kms.RetireGrantRequest): Targets {
  let keyId = input.KeyId;
  let grantId = input.GrantId;
  if (input.GrantToken !== undefined) {
    try {
      ({ keyArn: keyId, grantId } = parseGrantToken(ctx.kms, input.GrantToken));
    } catch (err) {
      if (err instanceof AwsError) return [];
      throw err;
    }
  }
  const key = await lookupKey(ctx, keyId, ANY_ACCOUNT);
  const grant = key && grantId !== undefined ? await grantRepository(ctx.kms).get(key, grantId) : undefined;
  if (!key || !grant) return [];
  const { arn, principalArn } = ctx.principal;
  const retiring = grant.retiringPrincipal === arn || grant.retiringPrincipal === principalArn;
  const target = await onKey(ctx, 'RetireGrant', key, constraintConditions(grant.constraints));
  return [{ ...target, grantAllows: retiring || (isGrantee(ctx, grant) && grant.operations.includes('RetireGrant')) }];
}

/** CreateAlias: the new alias (identity policies) and the key it points at. */
async function createAlias(ctx: KmsContext, input: Kms.CreateAliasRequest): Targets {
  const key = await lookupKey(ctx, input.TargetKeyId, OWN);
  if (!key) return [];
  return [onAlias(ctx, 'CreateAlias', input.AliasName), await onKey(ctx, 'CreateAlias', key)];
}

/** UpdateAlias: the alias, the key it points at now, and the new key. */
async function updateAlias(ctx: KmsContext, input: Kms.UpdateAliasRequest): Targets {
  const alias = await ctx.kms.repo.aliases(ctx.accountId, ctx.region).get(input.AliasName);
  const current = alias && (await ctx.kms.repo.keys(ctx.accountId, ctx.region).get(alias.targetKeyId));
  const next = alias && (await lookupKey(ctx, input.TargetKeyId, OWN));
  if (!next) return [];
  return [onAlias(ctx, 'UpdateAlias', input.AliasName), ...(current ? [await onKey(ctx, 'UpdateAlias', current)] : []), await onKey(ctx, 'UpdateAlias', next)];
}

/** DeleteAlias: the alias and the key it points at. */
async function deleteAlias(ctx: KmsContext, input: Kms.DeleteAliasRequest): Targets {
  const alias = await ctx.kms.repo.aliases(ctx.accountId, ctx.region).get(input.AliasName);
  const key = alias && (await ctx.kms.repo.keys(ctx.accountId, ctx.region).get(alias.targetKeyId));
  if (!alias) return [];
  return [onAlias(ctx, 'DeleteAlias', input.AliasName), ...(key ? [await onKey(ctx, 'DeleteAlias', key)] : [])];
}

/** CreateKey: kms:CreateKey, and kms:TagResource with Tags (both IAM policy, `*`: the key does not exist yet). */
function createKey(ctx: KmsContext, input: Kms.CreateKeyRequest): Targets {
  const keySpec = input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
  const keyUsage = input.KeyUsage ?? 'ENCRYPT_DECRYPT';
  const multiRegion = input.MultiRegion ?? false;
  const tags = requestTags(input.Tags);
  const conditions = mergeConditions(
    conditionValues({
      'kms:KeySpec': keySpec,
      'kms:KeyUsage': keyUsage,
      'kms:CustomerMasterKeySpec': keySpec,
      'kms:CustomerMasterKeyUsage': keyUsage,
      'kms:KeyOrigin': input.Origin ?? 'AWS_KMS',
      'kms:MultiRegion': String(multiRegion),
      'kms:MultiRegionKeyType': multiRegion ? 'PRIMARY' : undefined,
      'kms:BypassPolicyLockoutSafetyCheck': String(input.BypassPolicyLockoutSafetyCheck ?? false),
    }),
    tags,
  );
  const targets = [onAccount(ctx, 'CreateKey', conditions)];
  if (input.Tags?.length) targets.push(onAccount(ctx, 'TagResource', tags));
  return Promise.resolve(targets);
}

/** ReplicateKey: kms:ReplicateKey on the primary, kms:CreateKey (and kms:TagResource with Tags) for the replica (IAM policy). */
async function replicateKey(ctx: KmsContext, input: Kms.ReplicateKeyRequest): Targets {
  const key = await lookupKey(ctx, input.KeyId, OWN);
  if (!key) return [];
  const targets = [await onKey(ctx, 'ReplicateKey', key, conditionValues({ 'kms:ReplicaRegion': input.ReplicaRegion })), onAccount(ctx, 'CreateKey')];
  if (input.Tags?.length) targets.push(onAccount(ctx, 'TagResource', requestTags(input.Tags)));
  return targets;
}

/** UpdatePrimaryRegion: kms:UpdatePrimaryRegion on the current primary and on the replica that becomes primary. */
async function updatePrimaryRegion(ctx: KmsContext, input: Kms.UpdatePrimaryRegionRequest): Targets {
  const key = await lookupKey(ctx, input.KeyId, OWN);
  if (!key) return [];
  const conditions = conditionValues({ 'kms:PrimaryRegion': input.PrimaryRegion });
  const replica = input.PrimaryRegion === key.region ? undefined : await ctx.kms.repo.keys(key.accountId, input.PrimaryRegion).get(key.keyId);
  const targets = [await onKey(ctx, 'UpdatePrimaryRegion', key, conditions)];
  if (replica) targets.push(await onKey(ctx, 'UpdatePrimaryRegion', replica, conditions));
  return targets;
}

const seconds = (date: Date | undefined) => (date === undefined ? undefined : String(Math.floor(new Date(date).getTime() / 1000)));

/** Every operation of the model (protocol/kms.json). */
const DESCRIBERS: Record<string, Describer> = {
  // Cryptographic operations: any account's key, by id, ARN or alias.
  Encrypt: onKeyId<Kms.EncryptRequest>('Encrypt', CRYPTO, (i) => encryption(i.EncryptionAlgorithm), (i) => i.EncryptionContext),
  Decrypt: decrypt as Describer,
  ReEncrypt: reEncrypt as Describer,
  GenerateDataKey: onKeyId<Kms.GenerateDataKeyRequest>('GenerateDataKey', CRYPTO, () => encryption(undefined), (i) => i.EncryptionContext),
  GenerateDataKeyWithoutPlaintext: onKeyId<Kms.GenerateDataKeyWithoutPlaintextRequest>('GenerateDataKeyWithoutPlaintext', CRYPTO, () => encryption(undefined), (i) => i.EncryptionContext),
  GenerateDataKeyPair: onKeyId<Kms.GenerateDataKeyPairRequest>('GenerateDataKeyPair', CRYPTO, (i) => mergeConditions(encryption(undefined), conditionValues({ 'kms:DataKeyPairSpec': i.KeyPairSpec })), (i) => i.EncryptionContext),
  GenerateDataKeyPairWithoutPlaintext: onKeyId<Kms.GenerateDataKeyPairWithoutPlaintextRequest>(
    'GenerateDataKeyPairWithoutPlaintext',
    CRYPTO,
    (i) => mergeConditions(encryption(undefined), conditionValues({ 'kms:DataKeyPairSpec': i.KeyPairSpec })),
    (i) => i.EncryptionContext,
  ),
  Sign: onKeyId<Kms.SignRequest>('Sign', CRYPTO, (i) => conditionValues({ 'kms:SigningAlgorithm': i.SigningAlgorithm, 'kms:MessageType': i.MessageType ?? 'RAW' })),
  Verify: onKeyId<Kms.VerifyRequest>('Verify', CRYPTO, (i) => conditionValues({ 'kms:SigningAlgorithm': i.SigningAlgorithm, 'kms:MessageType': i.MessageType ?? 'RAW' })),
  GenerateMac: onKeyId<Kms.GenerateMacRequest>('GenerateMac', CRYPTO, (i) => conditionValues({ 'kms:MacAlgorithm': i.MacAlgorithm })),
  VerifyMac: onKeyId<Kms.VerifyMacRequest>('VerifyMac', CRYPTO, (i) => conditionValues({ 'kms:MacAlgorithm': i.MacAlgorithm })),
  DeriveSharedSecret: onKeyId<Kms.DeriveSharedSecretRequest>('DeriveSharedSecret', CRYPTO, (i) => conditionValues({ 'kms:KeyAgreementAlgorithm': i.KeyAgreementAlgorithm })),
  Encapsulate: onKeyId('Encapsulate', CRYPTO),
  Decapsulate: onKeyId('Decapsulate', CRYPTO),
  GetPublicKey: onKeyId('GetPublicKey', CRYPTO),
  DescribeKey: onKeyId('DescribeKey', CRYPTO),
  // Grants: any account's key, by id or ARN.
  CreateGrant: createGrant as Describer,
  RetireGrant: retireGrant as Describer,
  RevokeGrant: onKeyId('RevokeGrant', ANY_ACCOUNT, (_input, ctx) => grantIsForAwsResource(ctx)),
  ListGrants: onKeyId('ListGrants', ANY_ACCOUNT, (_input, ctx) => grantIsForAwsResource(ctx)),
  GetKeyRotationStatus: onKeyId('GetKeyRotationStatus', ANY_ACCOUNT),
  // Key management: keys of the caller's account, by id or ARN.
  CancelKeyDeletion: onKeyId('CancelKeyDeletion', OWN),
  DeleteImportedKeyMaterial: onKeyId('DeleteImportedKeyMaterial', OWN),
  DisableKey: onKeyId('DisableKey', OWN),
  EnableKey: onKeyId('EnableKey', OWN),
  DisableKeyRotation: onKeyId('DisableKeyRotation', OWN),
  // AWS's default period when the request gives none.
  EnableKeyRotation: onKeyId<Kms.EnableKeyRotationRequest>('EnableKeyRotation', OWN, (i) => conditionValues({ 'kms:RotationPeriodInDays': String(i.RotationPeriodInDays ?? 365) })),
  GetKeyLastUsage: onKeyId('GetKeyLastUsage', OWN),
  GetKeyPolicy: onKeyId('GetKeyPolicy', OWN),
  ListKeyPolicies: onKeyId('ListKeyPolicies', OWN),
  PutKeyPolicy: onKeyId<Kms.PutKeyPolicyRequest>('PutKeyPolicy', OWN, (i) => conditionValues({ 'kms:BypassPolicyLockoutSafetyCheck': String(i.BypassPolicyLockoutSafetyCheck ?? false) })),
  GetParametersForImport: onKeyId<Kms.GetParametersForImportRequest>('GetParametersForImport', OWN, (i) => conditionValues({ 'kms:WrappingAlgorithm': i.WrappingAlgorithm, 'kms:WrappingKeySpec': i.WrappingKeySpec })),
  // kms:ValidTo is compared as epoch seconds (AWS's examples use NumericLessThanEquals).
  ImportKeyMaterial: onKeyId<Kms.ImportKeyMaterialRequest>('ImportKeyMaterial', OWN, (i) => conditionValues({ 'kms:ExpirationModel': i.ExpirationModel ?? 'KEY_MATERIAL_EXPIRES', 'kms:ValidTo': seconds(i.ValidTo) })),
  ListKeyRotations: onKeyId('ListKeyRotations', OWN),
  ListResourceTags: onKeyId('ListResourceTags', OWN),
  RotateKeyOnDemand: onKeyId('RotateKeyOnDemand', OWN),
  ScheduleKeyDeletion: onKeyId<Kms.ScheduleKeyDeletionRequest>('ScheduleKeyDeletion', OWN, (i) => conditionValues({ 'kms:ScheduleKeyDeletionPendingWindowInDays': String(i.PendingWindowInDays ?? 30) })),
  TagResource: onKeyId<Kms.TagResourceRequest>('TagResource', OWN, (i) => requestTags(i.Tags)),
  UntagResource: onKeyId<Kms.UntagResourceRequest>('UntagResource', OWN, (i) => {
    const c: ConditionValues = {};
    for (const key of i.TagKeys) addCondition(c, 'aws:TagKeys', key);
    return c;
  }),
  UpdateKeyDescription: onKeyId('UpdateKeyDescription', OWN),
  ReplicateKey: replicateKey as Describer,
  UpdatePrimaryRegion: updatePrimaryRegion as Describer,
  // Aliases: the alias and the keys it involves.
  CreateAlias: createAlias as Describer,
  UpdateAlias: updateAlias as Describer,
  DeleteAlias: deleteAlias as Describer,
  // No resource type: identity policies only.
  CreateKey: createKey as Describer,
  ListAliases: accountWide('ListAliases'),
  ListKeys: accountWide('ListKeys'),
  ListRetirableGrants: accountWide('ListRetirableGrants'),
  GenerateRandom: accountWide('GenerateRandom'),
  CreateCustomKeyStore: accountWide('CreateCustomKeyStore'),
  ConnectCustomKeyStore: accountWide('ConnectCustomKeyStore'),
  DeleteCustomKeyStore: accountWide('DeleteCustomKeyStore'),
  DescribeCustomKeyStores: accountWide('DescribeCustomKeyStores'),
  DisconnectCustomKeyStore: accountWide('DisconnectCustomKeyStore'),
  UpdateCustomKeyStore: accountWide('UpdateCustomKeyStore'),
};

/** AwsService.authorize for KMS. */
export function authorizeKms(ctx: KmsContext, operation: string, input: unknown): Targets {
  const describe = DESCRIBERS[operation];
  return describe ? describe(ctx, input as never) : Promise.resolve([]);
}
