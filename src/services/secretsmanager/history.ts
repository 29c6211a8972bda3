// A secret's versions beyond its labelled ones: finding one by id, listing them in creation
// order, and AWS's retention rule: "Secrets Manager removes unlabeled versions when there are
// more than 100, but it does not remove versions created less than 24 hours ago" (Secrets
// Manager quotas, PutSecretValue). Each is a lookup or a range scan of the deprecated versions'
// table, so it costs the same whatever the number of versions.
import type { SecretsManagerContext } from './context';
import type { SecretRecord, VersionMeta } from './records';
import { versionPosition } from './repository';
import { repository } from './secrets';
import { byCreation, type History } from './versions';

const MAX_DEPRECATED = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A version of the secret by id: labelled (or deprecated in a record of the old layout), or from the deprecated table. */
export async function findVersion(ctx: SecretsManagerContext, record: SecretRecord, versionId: string): Promise<VersionMeta | undefined> {
  return record.versions.find((v) => v.id === versionId) ?? (await repository(ctx.deps.store).getDeprecated(record, versionId));
}

/**
 * Drops the oldest deprecated versions beyond 100, keeping any younger than 24 hours: the
 * candidates are the oldest stored ones and those this change deprecates.
 */
export async function pruneDeprecated(ctx: SecretsManagerContext, record: SecretRecord, history: History, now: number): Promise<void> {
  const excess = (record.deprecatedCount ?? 0) - MAX_DEPRECATED;
  if (excess <= 0) return;
  const createdUpTo = now - DAY_MS;
  const unlisted = new Set(history.unlist.map((v) => v.id));
  const stored = await repository(ctx.deps.store).deprecated(record, { createdUpTo, limit: excess + unlisted.size });
  const candidates = [...stored.filter((v) => !unlisted.has(v.id)), ...history.put.filter((v) => v.createdAt <= createdUpTo)];
  const dropped = candidates.sort(byCreation).slice(0, excess);
  if (dropped.length === 0) return;
  const gone = new Set(dropped.map((v) => v.id));
  history.put = history.put.filter((v) => !gone.has(v.id));
  history.drop.push(...dropped);
  record.deprecatedCount = (record.deprecatedCount ?? 0) - dropped.length;
}

/** Where a version sorts; `index` stands in for the creation number of a record of the old layout. */
const positionOf = (version: VersionMeta, index: number) => versionPosition(version.createdAt, version.seq ?? index);

/**
 * One page of the secret's versions in creation order, strictly after `after` (a position):
 * labelled ones from the record, deprecated ones (when asked for) from their table. `next` is
 * the position to continue after, when more follow.
 */
export async function versionPage(
  ctx: SecretsManagerContext,
  record: SecretRecord,
  options: { includeDeprecated: boolean; after?: string; limit: number },
): Promise<{ versions: VersionMeta[]; next?: string }> {
  const { includeDeprecated, after, limit } = options;
  const listed = record.versions
    .map((version, i) => ({ version, position: positionOf(version, i) }))
    .filter(({ version, position }) => (includeDeprecated || version.stages.length > 0) && (after === undefined || position > after));
  if (includeDeprecated) {
    const stored = await repository(ctx.deps.store).deprecated(record, { after, limit: limit + 1 });
    listed.push(...stored.map((version) => ({ version, position: positionOf(version, 0) })));
  }
  listed.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  const page = listed.slice(0, limit);
  return { versions: page.map((p) => p.version), next: listed.length > limit ? page[page.length - 1].position : undefined };
}
