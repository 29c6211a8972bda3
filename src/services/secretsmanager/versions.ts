// Versions and staging labels (FIDELITY A4, A7): a label is on at most one version; when
// AWSCURRENT moves, the version it leaves gets AWSPREVIOUS (taken from whichever version had
// it), and only then; other labels move alone. A version without labels is deprecated, and
// AWS keeps at most 100 of those, never removing one less than 24 hours old.
import { InvalidParameterException } from '../../protocol/errors';
import type { VersionMeta } from './records';

export const CURRENT = 'AWSCURRENT';
const PREVIOUS = 'AWSPREVIOUS';
export const PENDING = 'AWSPENDING';

const MAX_DEPRECATED = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

export const holderOf = (versions: VersionMeta[], stage: string) => versions.find((v) => v.stages.includes(stage));

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

/** Adds a version with the given labels (the first version of a secret always gets AWSCURRENT). */
export function addVersion(versions: VersionMeta[], id: string, stages: string[], now: number): VersionMeta {
  const wanted = [...new Set(stages)];
  if (versions.length === 0 && !wanted.includes(CURRENT)) wanted.push(CURRENT);
  const version: VersionMeta = { id, stages: [], createdAt: now };
  versions.push(version);
  for (const stage of wanted) attach(versions, version, stage);
  return version;
}

/**
 * UpdateSecretVersionStage: moves `stage` to `moveTo` and/or removes it from `removeFrom`, with
 * AWS's checks. The version holding the label must be named when the label moves away from it.
 */
export function moveStage(versions: VersionMeta[], stage: string, moveTo: string | undefined, removeFrom: string | undefined): void {
  const find = (id: string) => {
    const version = versions.find((v) => v.id === id);
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
    return;
  }
  const holder = holderOf(versions, stage);
  if (holder && holder !== to && holder !== from) {
    throw new InvalidParameterException(
      `The parameter RemoveFromVersionId can't be empty. Staging label ${stage} is currently attached to version ${holder.id}, so you must explicitly reference that version in RemoveFromVersionId.`,
    );
  }
  attach(versions, to, stage);
}

/**
 * Drops the oldest deprecated versions beyond 100, keeping any younger than 24 hours. `versions`
 * is in creation order, which decides between versions created in the same millisecond.
 */
export function pruneDeprecated(versions: VersionMeta[], now: number): string[] {
  const deprecated = versions.filter((v) => v.stages.length === 0);
  const dropped: string[] = [];
  for (const version of deprecated) {
    if (deprecated.length - dropped.length <= MAX_DEPRECATED || now - version.createdAt < DAY_MS) break;
    dropped.push(version.id);
  }
  if (dropped.length > 0) {
    const gone = new Set(dropped);
    const kept = versions.filter((v) => !gone.has(v.id));
    versions.splice(0, versions.length, ...kept);
  }
  return dropped;
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
