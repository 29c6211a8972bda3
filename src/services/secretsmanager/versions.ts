// Versions and staging labels (FIDELITY A4, A7): a label is on at most one version; when
// AWSCURRENT moves, the version it leaves gets AWSPREVIOUS (taken from whichever version had
// it), and only then; other labels move alone. A version without labels is deprecated: it leaves
// the secret record for the secret's table of deprecated versions (see records.ts), and comes
// back when a label is moved onto it. These functions change a record (a copy) and note in a
// History what its deprecated versions' table must get; retention is in history.ts.
import { InvalidParameterException, LimitExceededException } from '../../protocol/errors';
import type { SecretRecord, VersionMeta } from './records';

export const CURRENT = 'AWSCURRENT';
const PREVIOUS = 'AWSPREVIOUS';
export const PENDING = 'AWSPENDING';

/** "Staging labels attached across all versions of a secret: 20" (Secrets Manager quotas). */
const MAX_LABELS = 20;

/** What a change does to a secret's deprecated versions, in every region the secret lives in. */
export interface History {
  /** Entries to write: versions that lost their last label, or whose metadata changed. */
  put: VersionMeta[];
  /** Entries to delete: deprecated versions labelled again (back in the record). */
  unlist: VersionMeta[];
  /** Deprecated versions removed for good: entry and value. */
  drop: VersionMeta[];
}

export const newHistory = (): History => ({ put: [], unlist: [], drop: [] });

/** Creation order: time, then order of creation within the millisecond. */
export const byCreation = (a: VersionMeta, b: VersionMeta) => a.createdAt - b.createdAt || (a.seq ?? 0) - (b.seq ?? 0);

export const holderOf = (versions: VersionMeta[], stage: string) => versions.find((v) => v.stages.includes(stage));

/**
 * Gives a record of the old layout (deprecated versions inside it, no creation numbers) what the
 * current one has; its deprecated versions stay in `versions` until settle() moves them out.
 */
export function upgradeRecord(record: SecretRecord): void {
  if (record.versionSeq !== undefined) return;
  record.versions.forEach((v, i) => (v.seq = i));
  record.versionSeq = record.versions.length;
  record.deprecatedCount = 0;
}

/** Moves the versions left without labels out of the record, to its deprecated versions. */
export function settle(record: SecretRecord, history: History): void {
  const deprecated = record.versions.filter((v) => v.stages.length === 0);
  if (deprecated.length === 0) return;
  record.versions = record.versions.filter((v) => v.stages.length > 0);
  record.deprecatedCount = (record.deprecatedCount ?? 0) + deprecated.length;
  history.put.push(...deprecated);
}

/** Brings a deprecated version back into the record, in creation order. */
function restore(record: SecretRecord, version: VersionMeta, history: History): void {
  record.versions = [...record.versions, version].sort(byCreation);
  record.deprecatedCount = (record.deprecatedCount ?? 0) - 1;
  history.unlist.push(version);
}

function checkLabelQuota(record: SecretRecord): void {
  let labels = 0;
  for (const v of record.versions) labels += v.stages.length;
  // Wording from AWS as users quote it (LimitExceededException is this quota's error in the model).
  if (labels > MAX_LABELS) throw new LimitExceededException('You exceeded the maximum number of staging labels allowed on a secret.');
}

function removeStage(version: VersionMeta, stage: string): void {
  version.stages = version.stages.filter((s) => s !== stage);
}

/** Attaches `stage` to `target`, taking it from its holder; AWSCURRENT hands AWSPREVIOUS to the version it left. */
function attach(versions: VersionMeta[], target: VersionMeta, stage: string): void {
  const holder = holderOf(versions, stage);
  if (holder === target) return;
  if (holder) removeStage(holder, stage);
  target.stages.push(stage);
  if (stage === CURRENT && holder) {
    const previous = holderOf(versions, PREVIOUS);
    if (previous) removeStage(previous, PREVIOUS);
    holder.stages.push(PREVIOUS);
  }
}

function labelVersion(record: SecretRecord, history: History, version: VersionMeta, stages: string[]): VersionMeta {
  for (const stage of new Set(stages)) attach(record.versions, version, stage);
  checkLabelQuota(record);
  settle(record, history);
  return version;
}

function pushVersion(record: SecretRecord, id: string, now: number, empty: boolean): VersionMeta {
  const seq = record.versionSeq ?? 0;
  record.versionSeq = seq + 1;
  const version: VersionMeta = { id, stages: [], createdAt: now, seq, ...(empty ? { empty: true as const } : {}) };
  record.versions.push(version);
  return version;
}

/** Adds a version with the given labels (the first version of a secret always gets AWSCURRENT). */
export function addVersion(record: SecretRecord, history: History, id: string, stages: string[], now: number): VersionMeta {
  const wanted = [...stages];
  if (record.versions.length === 0 && !record.deprecatedCount && !wanted.includes(CURRENT)) wanted.push(CURRENT);
  return labelVersion(record, history, pushVersion(record, id, now, false), wanted);
}

/**
 * Adds the version a rotation works on, labelled AWSPENDING only: AWS creates it before the
 * first step, without a value unless `empty` is false (RotateImmediately false copies the
 * current value), and never gives it AWSCURRENT, even on a secret with no version yet.
 */
export function addPendingVersion(record: SecretRecord, history: History, id: string, now: number, empty: boolean): VersionMeta {
  return labelVersion(record, history, pushVersion(record, id, now, empty), [PENDING]);
}

/** Gives a version made without a value (a rotation's pending one) its value's labels: PutSecretValue with its token. */
export function fillVersion(record: SecretRecord, history: History, version: VersionMeta, stages: string[]): VersionMeta {
  delete version.empty;
  if (!record.versions.includes(version)) restore(record, version, history);
  return labelVersion(record, history, version, stages);
}

/** Takes `stage` off the version `id`, if it has it (the end of a rotation). */
export function detachStage(record: SecretRecord, history: History, id: string, stage: string): void {
  const version = record.versions.find((v) => v.id === id);
  if (version) removeStage(version, stage);
  settle(record, history);
}

/** A rotation is under way (or stopped on a failure) while AWSPENDING is on a version that is not AWSCURRENT (API_RotateSecret). */
export function rotationInProgress(record: SecretRecord): boolean {
  const pending = holderOf(record.versions, PENDING);
  return pending !== undefined && !pending.stages.includes(CURRENT);
}

/**
 * UpdateSecretVersionStage: moves `stage` to `moveTo` and/or removes it from `removeFrom`, with
 * AWS's checks. The version holding the label must be named when the label moves away from it.
 * `named` holds the versions the ids name, deprecated ones included.
 */
export function moveStage(
  record: SecretRecord,
  history: History,
  stage: string,
  moveTo: string | undefined,
  removeFrom: string | undefined,
  named: Map<string, VersionMeta>,
): void {
  const find = (id: string) => {
    const version = named.get(id);
    if (!version) throw new InvalidParameterException(`Not a valid version: ${id}`);
    return version;
  };
  const from = removeFrom === undefined ? undefined : find(removeFrom);
  if (from && !from.stages.includes(stage)) throw new InvalidParameterException(`Version stage ${stage} not found in version ${removeFrom}`);
  const to = moveTo === undefined ? undefined : find(moveTo);
  if (!to) {
    if (from && stage === CURRENT) {
      throw new InvalidParameterException("You can only move staging label AWSCURRENT to a different secret version. It can't be completely removed.");
    }
    if (from) removeStage(from, stage);
    settle(record, history);
    return;
  }
  const holder = holderOf(record.versions, stage);
  if (holder && holder !== to && holder !== from) {
    throw new InvalidParameterException(
      `The parameter RemoveFromVersionId can't be empty. Staging label ${stage} is currently attached to version ${holder.id}, so you must explicitly reference that version in RemoveFromVersionId.`,
    );
  }
  if (!record.versions.includes(to)) restore(record, to, history);
  attach(record.versions, to, stage);
  checkLabelQuota(record);
  settle(record, history);
}

/**
 * VersionIdsToStages: labelled versions only. A prototype-less object: V8 keeps it as a hash
 * table, where an object literal would grow a new hidden class for every version id it meets.
 */
export function versionsToStages(versions: VersionMeta[]): Record<string, string[]> | undefined {
  let map: Record<string, string[]> | undefined;
  for (const v of versions) if (v.stages.length > 0) (map ??= Object.create(null) as Record<string, string[]>)[v.id] = v.stages.slice();
  return map;
}
