// State export (docs/seeds.md#exporting-state): the current state as a seed file that `--seed`
// loads back, read through the AWS operations of every account and region that holds secrets
// or keys. Entries are sorted (account, region, then key id, alias or secret name) and carry
// no dates, so exporting a server seeded with an export gives the same text again.
import type { InProcessCall } from '../pipeline/context';
import { exportKeys, type MaterialSource } from './keys';
import { reader, type Place } from './reader';
import { exportSecrets } from './secrets';

export type ExportFormat = 'yaml' | 'json';

export interface ExportOptions {
  format?: ExportFormat;
  /** Adds each key's material (`material`, `previousMaterials`): it leaves KMS. */
  includeKeyMaterial?: boolean;
  /** Only this account / region. */
  accountId?: string;
  region?: string;
}

interface ExportSource {
  call: InProcessCall;
  /** The places that hold secrets or keys (Store.census). */
  places(): Promise<Place[]>;
  /** Key material out of the KMS engine, for includeKeyMaterial. */
  material: MaterialSource;
}

export interface ExportedState {
  text: string;
  format: ExportFormat;
  /** Set when the text holds key material: what to warn the user with. */
  warning?: string;
  counts: { keys: number; aliases: number; secrets: number };
}

const KEY_MATERIAL_WARNING = 'this export holds KMS key material in the clear: key material has left KMS. Anyone with the file can decrypt and sign as these keys.';

const HEADER = [
  'Strongroom state export: a seed file (strongroom --seed <this file>).',
  'It holds every secret value in the clear: keep it as you keep the secrets.',
];

const byPlace = (a: Place, b: Place) => (a.accountId === b.accountId ? (a.region < b.region ? -1 : 1) : a.accountId < b.accountId ? -1 : 1);

export async function exportState(source: ExportSource, options: ExportOptions = {}): Promise<ExportedState> {
  const places = (await source.places())
    .filter((p) => (options.accountId === undefined || p.accountId === options.accountId) && (options.region === undefined || p.region === options.region))
    .sort(byPlace);
  const keys: unknown[] = [];
  const aliases: unknown[] = [];
  const secrets: unknown[] = [];
  for (const place of places) {
    const read = reader(source.call, place);
    const kms = await exportKeys(read, place, options.includeKeyMaterial ? source.material : undefined);
    keys.push(...kms.keys);
    aliases.push(...kms.aliases);
    secrets.push(...(await exportSecrets(read, place)));
  }
  // kms first: a seed file loads its sections in order, and secrets name their keys.
  const doc = {
    version: 1,
    ...(keys.length > 0 ? { kms: { keys, ...(aliases.length > 0 ? { aliases } : {}) } } : {}),
    ...(secrets.length > 0 ? { secretsmanager: { secrets } } : {}),
  };
  const format = options.format ?? 'yaml';
  const warning = options.includeKeyMaterial && keys.length > 0 ? KEY_MATERIAL_WARNING : undefined;
  return { text: format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : yamlText(doc, warning), format, warning, counts: { keys: keys.length, aliases: aliases.length, secrets: secrets.length } };
}

function yamlText(doc: object, warning: string | undefined): string {
  const comment = [...HEADER, ...(warning ? [`WARNING: ${warning}`] : [])].map((line) => `# ${line}\n`).join('');
  // lineWidth 0: long values (keys, certificates) stay on one line, never folded.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use: a start needs no YAML writer
  return comment + (require('yaml') as typeof import('yaml')).stringify(doc, { lineWidth: 0 });
}
