// Imported key material (Origin EXTERNAL keys): import parameters, the import itself, deletion
// and expiry. GetParametersForImport makes a wrapping key pair and keeps its private key sealed
// under the root key in table `import-tokens`, keyed by the token (random bytes, hex), so a
// token stays usable across restarts until ParametersValidTo (24 hours of emulated time).
// Material that expires (ExpirationModel KEY_MATERIAL_EXPIRES) has a job (kind
// `kms:material-expiry`) on the persistent schedule, written in the same batch as the import,
// that deletes the material when the emulated clock passes ValidTo, as DeleteImportedKeyMaterial
// does: the key goes back to PendingImport, and KMS records its DeleteExpiredKeyMaterial event.
import { randomBytes } from 'node:crypto';
import { kmsServiceEvent } from '../../audit/service-events';
import type { JobKind } from '../../jobs/runner';
import { Schedule, type Job } from '../../jobs/schedule';
import {
  ExpiredImportTokenException,
  IncorrectKeyMaterialException,
  InvalidCiphertextException,
  InvalidImportTokenException,
  KMSInvalidStateException,
  ValidationException,
} from '../../protocol/errors';
import type { ExpirationModelType, GetParametersForImportResponse, ImportKeyMaterialRequest } from '../../protocol/generated/kms';
import { purging, type BatchOp } from '../../store/store';
import type { KmsContext } from './context';
import { CryptoInputError } from './crypto/errors';
import { materialFromDer, materialFromRaw } from './crypto/keys';
import { keySpecInfo } from './crypto/specs';
import { generateWrappingKey, unwrapKeyMaterial, wrappingPairAllowed, type WrappingAlgorithm, type WrappingKeySpec } from './crypto/wrapping';
import type { KmsEngine } from './engine';
import { unsupportedOrigin } from './key-errors';
import { MaterialVault } from './material';
import type { KeyRecord } from './records';

const EXPIRE_MATERIAL = 'kms:material-expiry';
const DAY_MS = 86_400_000;
/** Import parameters are valid for 24 hours (AWS). */
const TOKEN_VALID_MS = DAY_MS;
/** ValidTo may be at most 365 days ahead (AWS API reference). */
const MAX_VALID_TO_MS = 365 * DAY_MS;

interface ImportTokenRecord {
  keyId: string;
  algorithm: WrappingAlgorithm;
  wrappingKeySpec: WrappingKeySpec;
  /** base64 of the wrapping private key (PKCS#8 DER), sealed under the root key. */
  sealed: string;
  validTo: number;
}

const tokens = (engine: KmsEngine, accountId: string, region: string) =>
  engine.deps.store.table<ImportTokenRecord>(accountId, region, 'kms', 'import-tokens');

/** What the private key of a token is sealed to: it cannot be moved to another token. */
const tokenAad = (accountId: string, region: string, tokenId: string) => `import-token/${accountId}/${region}/${tokenId}`;

/** Only EXTERNAL keys take imported material (`<arn> origin is AWS_KMS which is not valid for this operation.`, recorded). */
export function checkExternal(key: KeyRecord): void {
  if (key.origin !== 'EXTERNAL') throw unsupportedOrigin(key);
}

/**
 * GetParametersForImport on an EXTERNAL key: a new wrapping key pair and its token. Expired
 * tokens of the account and Region are removed (purged: they hold sealed private keys) on the way.
 */
export async function importParameters(ctx: KmsContext, key: KeyRecord, algorithm: WrappingAlgorithm, spec: WrappingKeySpec): Promise<GetParametersForImportResponse> {
  if (!wrappingPairAllowed(algorithm, spec)) {
    throw new ValidationException(`Wrapping algorithm ${algorithm} is not compatible with wrapping key spec ${spec}.`);
  }
  if (spec === 'SM2' && !ctx.region.startsWith('cn-')) throw new ValidationException(`WrappingKeySpec ${spec} is not supported in this region.`);
  const { privateKey, publicKey } = await generateWrappingKey(spec);
  const table = tokens(ctx.kms, key.accountId, key.region);
  const tokenId = randomBytes(32).toString('hex');
  const now = ctx.now.getTime();
  const record: ImportTokenRecord = {
    keyId: key.keyId,
    algorithm,
    wrappingKeySpec: spec,
    sealed: ctx.kms.deps.store.sealer.seal(privateKey, tokenAad(key.accountId, key.region, tokenId)).toString('base64'),
    validTo: now + TOKEN_VALID_MS,
  };
  const expired = (await table.range()).filter(([, t]) => t.validTo <= now).map(([id]) => table.del(id));
  await ctx.kms.deps.store.commit(purging([...expired, table.put(tokenId, record)]));
  return { KeyId: key.arn, ImportToken: Buffer.from(tokenId, 'hex'), PublicKey: publicKey, ParametersValidTo: new Date(record.validTo) };
}

interface Expiry {
  model: ExpirationModelType;
  validTo?: number;
}

/** ExpirationModel (default KEY_MATERIAL_EXPIRES) and ValidTo, checked as AWS checks them. */
function expiryOf(input: ImportKeyMaterialRequest, now: number): Expiry {
  const model = input.ExpirationModel ?? 'KEY_MATERIAL_EXPIRES';
  if (model === 'KEY_MATERIAL_DOES_NOT_EXPIRE') {
    if (input.ValidTo) throw new ValidationException('A validTo date must not be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE');
    return { model };
  }
  if (!input.ValidTo) throw new ValidationException('A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES');
  const validTo = input.ValidTo.getTime();
  if (validTo <= now || validTo > now + MAX_VALID_TO_MS) throw new ValidationException('The validTo date must be in the future and at most 365 days from now.');
  return { model, validTo };
}

/** The material in the request, unwrapped with its token's private key and checked against the key spec. */
function unwrappedMaterial(ctx: KmsContext, key: KeyRecord, input: ImportKeyMaterialRequest, token: ImportTokenRecord, tokenId: string): Buffer {
  const privateKey = ctx.kms.deps.store.sealer.unseal(Buffer.from(token.sealed, 'base64'), tokenAad(key.accountId, key.region, tokenId));
  let bytes: Buffer;
  try {
    bytes = unwrapKeyMaterial(token.wrappingKeySpec, privateKey, token.algorithm, input.EncryptedKeyMaterial);
  } catch (err) {
    if (err instanceof CryptoInputError) throw new InvalidCiphertextException();
    throw err;
  }
  // Symmetric and HMAC material is raw bytes; asymmetric material a DER private key (PKCS#8).
  const family = keySpecInfo(key.keySpec).family;
  try {
    return (family === 'SYMMETRIC' || family === 'HMAC' ? materialFromRaw(key.keySpec, bytes) : materialFromDer(key.keySpec, bytes)).bytes;
  } catch (err) {
    if (err instanceof CryptoInputError) throw new IncorrectKeyMaterialException(`The key material is not valid for key spec ${key.keySpec}.`);
    throw err;
  }
}

/** The token of this request, valid now and issued for `key`. */
async function importToken(ctx: KmsContext, key: KeyRecord, token: Buffer): Promise<{ tokenId: string; record: ImportTokenRecord }> {
  const tokenId = token.toString('hex');
  const record = token.length === 32 ? await tokens(ctx.kms, key.accountId, key.region).get(tokenId) : undefined;
  if (!record || record.keyId !== key.keyId) throw new InvalidImportTokenException(`The import token is not valid for ${key.arn}.`);
  if (record.validTo <= ctx.now.getTime()) throw new ExpiredImportTokenException('The import token has expired.');
  return { tokenId, record };
}

const schedule = (engine: KmsEngine) => new Schedule(engine.deps.store);

function expiryJob(key: KeyRecord): Job {
  const { accountId, region, keyId: id, arn } = key;
  return { due: key.validTo!, kind: EXPIRE_MATERIAL, resource: { accountId, region, id, arn } };
}

/** The batch that stores `changed` (`key` with new or no material) and moves its expiry job along. */
function withExpiryJob(engine: KmsEngine, key: KeyRecord, changed: KeyRecord): BatchOp[] {
  const ops: BatchOp[] = [];
  if (key.validTo !== undefined) ops.push(schedule(engine).del(expiryJob(key)));
  ops.push(engine.putKey(changed));
  if (changed.validTo !== undefined) ops.push(schedule(engine).put(expiryJob(changed)));
  return ops;
}

/** The batch that stores a new EXTERNAL key given its material (a seed), with its expiry job if the material expires. */
export function putSeededKey(engine: KmsEngine, key: KeyRecord): BatchOp[] {
  return withExpiryJob(engine, { ...key, validTo: undefined }, key);
}

/**
 * ImportKeyMaterial on an EXTERNAL key not pending deletion. ImportType defaults to
 * NEW_KEY_MATERIAL for a key that never had material, EXISTING_KEY_MATERIAL after (AWS).
 * Existing material must be material the key has had: its id (a digest of key ARN and
 * material) is unchanged, so ciphertexts made before a deletion or expiry decrypt again;
 * other material is IncorrectKeyMaterialException. New material for a key that has material
 * (symmetric keys only) waits for RotateKeyOnDemand (rotation.ts). The key becomes Enabled if it
 * was PendingImport.
 */
export async function importMaterial(ctx: KmsContext, key: KeyRecord, input: ImportKeyMaterialRequest): Promise<{ ops: BatchOp[]; materialId: string }> {
  checkExternal(key);
  const now = ctx.now.getTime();
  const expiry = expiryOf(input, now);
  const { tokenId, record } = await importToken(ctx, key, input.ImportToken);
  const material = unwrappedMaterial(ctx, key, input, record, tokenId);
  const materialId = MaterialVault.materialId(key.arn, material);
  const known = materialId === key.currentMaterialId || key.materials.some((m) => m.id === materialId);
  const importType = input.ImportType ?? (key.currentMaterialId === undefined ? 'NEW_KEY_MATERIAL' : 'EXISTING_KEY_MATERIAL');
  if (key.currentMaterialId !== undefined && !known) {
    if (importType !== 'NEW_KEY_MATERIAL' || key.keySpec !== 'SYMMETRIC_DEFAULT') {
      throw new IncorrectKeyMaterialException('The key material in the request is not the same key material that was previously imported into this KMS key.');
    }
    return { ops: [ctx.kms.putKey(withPendingMaterial(ctx, key, material, materialId))], materialId };
  }
  const materials = key.materials.some((m) => m.id === materialId) ? key.materials : [...key.materials, ctx.kms.vault.seal(key.arn, material, now)];
  const changed: KeyRecord = {
    ...key,
    materials,
    // Material rotated out before stays non-current when imported again.
    currentMaterialId: key.currentMaterialId ?? materialId,
    state: key.state === 'PendingImport' ? 'Enabled' : key.state,
    expirationModel: expiry.model,
    validTo: expiry.validTo,
  };
  return { ops: withExpiryJob(ctx.kms, key, changed), materialId };
}

/** `key` with new material waiting for rotation; one at a time (recorded error, naming the key by id). */
function withPendingMaterial(ctx: KmsContext, key: KeyRecord, material: Buffer, materialId: string): KeyRecord {
  const pending = key.pendingMaterial;
  if (pending && pending.id !== materialId) {
    throw new KMSInvalidStateException(
      `New key material (id: ${materialId}) cannot be imported into KMS key ${key.keyId}, because another key material (id: ${pending.id}) is pending rotation.`,
    );
  }
  return { ...key, pendingMaterial: pending ?? ctx.kms.vault.seal(key.arn, material, ctx.now.getTime()) };
}

/**
 * `key` without its material (DeleteImportedKeyMaterial, or expiry): PendingImport (unless it
 * is pending deletion), no ExpirationModel; CurrentKeyMaterialId stays (recorded), so only the
 * same material can be imported again. The caller commits with `purging` and forgets the
 * key's unsealed material.
 */
export function withoutMaterial(engine: KmsEngine, key: KeyRecord): BatchOp[] {
  const changed: KeyRecord = {
    ...key,
    materials: [],
    pendingMaterial: undefined,
    state: key.state === 'PendingDeletion' ? key.state : 'PendingImport',
    expirationModel: undefined,
    validTo: undefined,
  };
  return purging(withExpiryJob(engine, key, changed));
}

/** The job kind that deletes imported material whose ValidTo has passed. */
export function materialExpiryJobs(engine: KmsEngine): JobKind {
  return { kind: EXPIRE_MATERIAL, run: (job, now) => expireDue(engine, job, now) };
}

/**
 * Deletes the material of one due key under its lock, then records KMS's DeleteExpiredKeyMaterial
 * service event; stale entries (re-imported, deleted, purged) are left alone.
 */
async function expireDue(engine: KmsEngine, job: Job, now: Date): Promise<void> {
  const { accountId, region, id: keyId, arn } = job.resource;
  const expired = await engine.deps.store.locks.run(arn, async () => {
    const key = await engine.repo.keys(accountId, region).get(keyId);
    if (!key || key.validTo !== job.due || job.due > now.getTime()) return undefined;
    await engine.deps.store.commit(withoutMaterial(engine, key));
    engine.vault.forget(arn);
    return key;
  });
  if (expired) await engine.deps.audit.record(kmsServiceEvent('DeleteExpiredKeyMaterial', expired, now, { keyId, keyMaterialId: expired.currentMaterialId }));
}
