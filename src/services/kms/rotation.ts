// Key rotation: which keys rotate, new key material on demand or on the emulated clock, and the
// rotation status AWS reports. A rotation adds material and makes it current; earlier material
// stays on the key, so every ciphertext made under it (its header names the material id) still
// decrypts. Automatic rotation is a job (kind `kms:key-rotation`) on the persistent schedule,
// written in the same batch as the key change that enables, moves or cancels it; the job
// rotates the key under its lock and schedules the next rotation, then records KMS's RotateKey
// service event.
import { kmsServiceEvent } from '../../audit/service-events';
import type { TrailEvent } from '../../audit/types';
import type { JobKind } from '../../jobs/runner';
import { Schedule, type Job } from '../../jobs/schedule';
import { KMSInvalidStateException, LimitExceededException, UnsupportedOperationException } from '../../protocol/errors';
import type { BatchOp } from '../../store/store';
import type { GetKeyRotationStatusResponse, RotationsListEntry, RotationType } from '../../protocol/generated/kms';
import type { KmsContext } from './context';
import { generateMaterial } from './crypto/keys';
import type { KmsEngine } from './engine';
import { unsupportedOrigin } from './key-errors';
import { checkState } from './keys';
import { changeCustomerKey } from './management';
import { changeFamily, shareRotation } from './multi-region';
import type { KeyRecord, MaterialRecord } from './records';

const ROTATE_KEY = 'kms:key-rotation';
const DAY_MS = 86_400_000;
/** AWS's default rotation period when EnableKeyRotation names none. */
export const DEFAULT_ROTATION_DAYS = 365;
/**
 * On-demand rotations per key: 10 in the API reference and in a recording of April 2025 (the
 * current developer guide says 25; see docs/divergences.md).
 */
const ON_DEMAND_LIMIT = 10;

/**
 * Only symmetric encryption keys with AWS-made material rotate: other key specs answer
 * UnsupportedOperationException with no message (recorded for RotateKeyOnDemand); keys in a
 * custom key store, and imported keys unless `imported` allows them, name their origin.
 */
export function checkRotatable(key: KeyRecord, imported = false): void {
  if (key.keySpec !== 'SYMMETRIC_DEFAULT') throw new UnsupportedOperationException();
  if (key.origin === 'AWS_KMS' || (imported && key.origin === 'EXTERNAL')) return;
  throw unsupportedOrigin(key);
}

function nextRotationDate(key: KeyRecord): number | undefined {
  return key.rotation && key.rotation.since + key.rotation.periodInDays * DAY_MS;
}

function rotationJob(key: KeyRecord): Job {
  const { accountId, region, keyId: id, arn } = key;
  return { due: nextRotationDate(key)!, kind: ROTATE_KEY, resource: { accountId, region, id, arn } };
}

const schedule = (engine: KmsEngine) => new Schedule(engine.deps.store);

/**
 * The batch that stores `changed` (the same key as `key`, its automatic rotation enabled,
 * changed or disabled) and moves its rotation job along.
 */
function withRotationJob(engine: KmsEngine, key: KeyRecord, changed: KeyRecord): BatchOp[] {
  const ops: BatchOp[] = [];
  if (key.rotation) ops.push(schedule(engine).del(rotationJob(key)));
  ops.push(engine.putKey(changed));
  if (changed.rotation) ops.push(schedule(engine).put(rotationJob(changed)));
  return ops;
}

/**
 * EnableKeyRotation, DisableKeyRotation: a customer managed key that rotates, Enabled
 * (DisabledException, KMSInvalidStateException otherwise: FIDELITY B4), gets the automatic
 * rotation `rotation` makes of it (none: disabled).
 */
export function setAutomaticRotation(ctx: KmsContext, keyId: string, action: string, rotation: (key: KeyRecord) => KeyRecord['rotation']): Promise<void> {
  return changeCustomerKey(ctx, keyId, action, 'any', (key) => {
    checkRotatable(key);
    checkState(key, 'use');
    return { ops: withRotationJob(ctx.kms, key, { ...key, rotation: rotation(key) }), result: undefined };
  });
}

/** Removes the rotation job of a key that goes away (purged). */
export function unscheduleRotation(engine: KmsEngine, key: KeyRecord): BatchOp[] {
  return key.rotation ? [schedule(engine).del(rotationJob(key))] : [];
}

/** `key` with one more material, generated now (or the imported `given`), as its current material. */
async function rotated(engine: KmsEngine, key: KeyRecord, type: RotationType, at: number, given?: MaterialRecord): Promise<KeyRecord> {
  const material = { ...(given ?? engine.vault.seal(key.arn, (await generateMaterial(key.keySpec)).bytes, at)), createdAt: at, rotationType: type };
  return { ...key, materials: [...key.materials, material], currentMaterialId: material.id, pendingMaterial: undefined };
}

/**
 * RotateKeyOnDemand on a key already found rotatable and Enabled. Imported keys rotate to the
 * material imported for that purpose (ImportType NEW_KEY_MATERIAL, imports.ts), which becomes
 * current (2025 behaviour, recorded). Rotation completes at once, so OnDemandRotationStartDate
 * is never reported.
 */
export async function rotateOnDemand(engine: KmsEngine, key: KeyRecord, now: number): Promise<KeyRecord> {
  if (key.origin === 'EXTERNAL' && !key.pendingMaterial) throw new KMSInvalidStateException(`No available key material pending rotation for the key: ${key.arn}.`);
  const done = key.onDemandRotations ?? 0;
  if (done >= ON_DEMAND_LIMIT) {
    throw new LimitExceededException(`The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${key.arn}`);
  }
  return { ...(await rotated(engine, key, 'ON_DEMAND', now, key.pendingMaterial)), onDemandRotations: done + 1 };
}

/**
 * KMS's RotateKey service event for `key` rotated to `rotated`: AWS records one when a rotation
 * completes, automatic or on demand (the RotateKeyOnDemand call has its own event too).
 */
export function rotateKeyEvent(key: KeyRecord, rotated: KeyRecord, now: Date): TrailEvent {
  const material = rotated.materials.find((m) => m.id === rotated.currentMaterialId);
  return kmsServiceEvent('RotateKey', key, now, {
    rotationType: material?.rotationType,
    keyOrigin: key.origin,
    previousKeyMaterialId: key.currentMaterialId,
    currentKeyMaterialId: rotated.currentMaterialId,
    keyId: key.keyId,
  });
}

/** GetKeyRotationStatus's answer: the schedule only while automatic rotation is on. */
export function rotationStatus(key: KeyRecord): GetKeyRotationStatusResponse {
  if (!key.rotation) return { KeyId: key.keyId, KeyRotationEnabled: false };
  return { KeyId: key.keyId, KeyRotationEnabled: true, RotationPeriodInDays: key.rotation.periodInDays, NextRotationDate: new Date(nextRotationDate(key)!) };
}

/**
 * ListKeyRotations' entries, oldest first: the materials rotations added, and with
 * ALL_KEY_MATERIAL the key's first material too.
 */
export function rotationEntries(key: KeyRecord, allMaterial: boolean): RotationsListEntry[] {
  return key.materials
    .filter((m) => allMaterial || m.rotationType)
    .map((m) => ({
      KeyId: key.keyId,
      KeyMaterialId: m.id,
      KeyMaterialState: m.id === key.currentMaterialId ? 'CURRENT' : 'NON_CURRENT',
      ...(key.origin === 'EXTERNAL' ? { ImportState: 'IMPORTED', ExpirationModel: key.expirationModel } : {}),
      ...(m.rotationType ? { RotationDate: new Date(m.createdAt), RotationType: m.rotationType } : {}),
    }));
}

/** The job kind that rotates keys whose NextRotationDate has passed. */
export function keyRotationJobs(engine: KmsEngine): JobKind {
  return { kind: ROTATE_KEY, run: (job, now) => rotateDue(engine, job, now) };
}

/**
 * Rotates one due key and schedules its next rotation, in one batch under the key's lock (the
 * lock updateKey takes). Stale entries (rotation disabled, its date moved, the key purged) are
 * left alone, so running an entry twice rotates once. A key that is not Enabled on its date is
 * not rotated (AWS does not rotate disabled or pending-deletion keys); its next date moves on
 * one period.
 */
async function rotateDue(engine: KmsEngine, job: Job, now: Date): Promise<void> {
  const { accountId, region, id: keyId, arn } = job.resource;
  const done = await engine.deps.store.locks.run(arn, async () => {
    const key = await engine.repo.keys(accountId, region).get(keyId);
    const due = key && nextRotationDate(key);
    if (!key || due !== job.due || due > now.getTime()) return undefined;
    const rotates = key.state === 'Enabled';
    const base = rotates ? await rotated(engine, key, 'AUTOMATIC', due) : key;
    await engine.deps.store.commit(withRotationJob(engine, key, { ...base, rotation: { ...key.rotation!, since: due } }));
    return rotates ? { key, base } : undefined;
  });
  if (!done) return;
  await engine.deps.audit.record(rotateKeyEvent(done.key, done.base, now));
  // Related multi-Region keys get the new material too (shared material), in a step of its own.
  const { base } = done;
  if (base.multiRegion) await changeFamily(engine, base, (related) => shareRotation(engine, base, related));
}
