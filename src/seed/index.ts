// Seed files declare resources to exist at start (YAML or JSON):
//
//   version: 1
//   kms: { keys: [...], aliases: [...] }
//   secretsmanager: { secrets: [...] }
//
// Each top-level section is handed to the seeder its service registers; a seeder creates what
// is missing through the service's own interfaces and never overwrites existing state, so
// loading the same file at every start is safe.
import { readFileSync } from 'node:fs';

/** The YAML parser on first use: it costs a start some 15 ms, and only a YAML seed file needs it. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = () => require('yaml') as typeof import('yaml');

export interface SeedDefaults {
  accountId: string;
  region: string;
}

export type Seeder = (section: unknown, defaults: SeedDefaults, file: string) => Promise<void>;

export class SeedError extends Error {}

/**
 * What one seed file declared, by kind (`secrets`, `keys`, `aliases`, `functions`, `users`, …):
 * the entries of each list its sections gave their seeders, in the file's order. Entries that
 * already existed, and so were left as they are, count too: the counts describe the file.
 */
export type SeedCounts = Record<string, number>;

const SEED_FORMAT_VERSION = 1;

export async function loadSeedFile(file: string, seeders: Record<string, Seeder>, defaults: SeedDefaults): Promise<SeedCounts> {
  let doc: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    // JSON is YAML too, but JSON's own parser words JSON mistakes better.
    doc = file.toLowerCase().endsWith('.json') ? JSON.parse(text) : yaml().parse(text);
  } catch (err) {
    throw new SeedError(`seed ${file}: ${(err as Error).message}`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new SeedError(`seed ${file}: the top level must be a mapping`);
  const { version, ...sections } = doc as Record<string, unknown>;
  if (version !== undefined && version !== SEED_FORMAT_VERSION) {
    throw new SeedError(`seed ${file}: unsupported version ${String(version)} (this Strongroom reads version ${SEED_FORMAT_VERSION})`);
  }
  for (const name of Object.keys(sections)) {
    if (!seeders[name]) throw new SeedError(`seed ${file}: unknown section '${name}' (known: ${Object.keys(seeders).join(', ') || 'none'})`);
  }
  const counts: SeedCounts = {};
  for (const [name, section] of Object.entries(sections)) {
    if (section === null || section === undefined) continue;
    try {
      await seeders[name](section, defaults, file);
    } catch (err) {
      if (err instanceof SeedError) throw err;
      throw new SeedError(`seed ${file}: ${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
    // The seeder took the section, so its lists are lists of entries.
    for (const [kind, entries] of Object.entries(section as object)) if (Array.isArray(entries)) counts[kind] = (counts[kind] ?? 0) + entries.length;
  }
  return counts;
}
