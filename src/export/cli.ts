// `strongroom export`: the state of a data dir as a seed file, while no server runs on it. It
// starts Strongroom in this process on the data dir (loopback, a free port, no console, no
// seeds), exports, and closes. A running server holds the data dir's lock: then the state comes
// from its `GET /_strongroom/export` instead.
import { closeSync, existsSync, fchmodSync, openSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULTS } from '../config';
import { createStrongroom } from '../index';
import { isRegionName } from '../regions';
import type { ExportFormat, ExportOptions } from './index';

const EXPORT_HELP = `Usage: strongroom export [options]

Writes the state of a data dir as a seed file that --seed loads back (docs/seeds.md).
Every secret value is in it, in the clear. Stop the server first, or read a running
server's state with GET /_strongroom/export (header X-Strongroom-Export: 1).

  --data-dir <dir>          the data dir (STRONGROOM_DATA_DIR, default ${DEFAULTS.dataDir})
  --out <file>              write here (created 0600) instead of standard output
  --format yaml|json        default yaml, or json for an --out file ending in .json
  --include-key-material    add the KMS keys' material (it leaves KMS: keep the file safe)
  --account <id>            only this account
  --region <region>         only this region
  --help, -h                print this and exit

The root key comes from STRONGROOM_ROOT_KEY or root.key in the data dir, as for the server.
`;

export interface ExportCommand extends ExportOptions {
  dataDir: string;
  out?: string;
}

export function parseExportArgs(argv: string[], env: NodeJS.ProcessEnv): ExportCommand | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      'include-key-material': { type: 'boolean' },
      account: { type: 'string' },
      region: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const format = values.format ?? (values.out?.toLowerCase().endsWith('.json') ? 'json' : 'yaml');
  if (format !== 'yaml' && format !== 'json') throw new Error(`--format must be yaml or json, got '${format}'`);
  if (values.account !== undefined && !/^\d{12}$/.test(values.account)) throw new Error(`--account must be 12 digits, got '${values.account}'`);
  if (values.region !== undefined && !isRegionName(values.region)) throw new Error(`--region must be an AWS region name such as us-east-1, got '${values.region}'`);
  return {
    dataDir: values['data-dir'] ?? (env.STRONGROOM_DATA_DIR || DEFAULTS.dataDir),
    out: values.out,
    format: format as ExportFormat,
    includeKeyMaterial: values['include-key-material'] ?? false,
    accountId: values.account,
    region: values.region,
  };
}

/** Whether an error is LevelDB's lock held by someone else, anywhere in its causes. */
function isLocked(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (e.code === 'LEVEL_LOCKED') return true;
  return false;
}

/** Exports the data dir: to `command.out` (mode 0600) or `stdout`; the warning and a summary go to `stderr`. */
export async function runExport(command: ExportCommand, env: NodeJS.ProcessEnv, stdout: (text: string) => void, stderr: (text: string) => void): Promise<void> {
  // Opening a data dir that is not there would make an empty one.
  if (!existsSync(command.dataDir)) throw new Error(`data dir ${command.dataDir} does not exist`);
  let strongroom;
  try {
    strongroom = await createStrongroom({ dataDir: command.dataDir, rootKey: env.STRONGROOM_ROOT_KEY, host: '127.0.0.1', port: 0, seeds: [], console: false, logLevel: 'error' });
  } catch (err) {
    if (!isLocked(err)) throw err;
    throw new Error(`${(err as Error).message}. To export a running server's state, use GET /_strongroom/export with the header X-Strongroom-Export: 1.`, { cause: err });
  }
  try {
    const exported = await strongroom.exportState(command);
    if (exported.warning) stderr(`strongroom export: WARNING: ${exported.warning}\n`);
    if (command.out === undefined) return stdout(exported.text);
    // 0600 before the first byte is written, also for a file that was there.
    const fd = openSync(command.out, 'w', 0o600);
    try {
      fchmodSync(fd, 0o600);
      writeSync(fd, exported.text);
    } finally {
      closeSync(fd);
    }
    const { keys, aliases, secrets } = exported.counts;
    stderr(`strongroom export: ${keys} keys, ${aliases} aliases, ${secrets} secrets written to ${command.out}\n`);
  } finally {
    await strongroom.close();
  }
}

/** `strongroom export …` as the CLI runs it: a usage mistake exits 2 with the help; other errors reject. */
export async function exportMain(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  let command: ReturnType<typeof parseExportArgs>;
  try {
    command = parseExportArgs(argv, env);
  } catch (err) {
    process.stderr.write(`strongroom export: ${(err as Error).message}\n\n${EXPORT_HELP}`);
    process.exit(2);
  }
  if (command === 'help') return void process.stdout.write(EXPORT_HELP);
  // As the server: files this process creates (LevelDB's among them) are for its user only.
  process.umask(0o077);
  await runExport(command, env, (text) => process.stdout.write(text), (text) => process.stderr.write(text));
}
