#!/usr/bin/env node
// strongroom [options]: flags, then environment variables, then defaults.
import { parseArgs } from 'node:util';
import { DEFAULTS, type StrongroomOptions } from './config';
import { createStrongroom } from './index';
import { LOG_LEVELS, type LogLevel } from './log';
import { VERSION } from './version';

const HELP = `strongroom ${VERSION}: a local AWS Secrets Manager and KMS

Usage: strongroom [options]

  --host <addr>         interface to listen on            STRONGROOM_HOST        (${DEFAULTS.host})
  --port <n>            port; 0 picks a free one           STRONGROOM_PORT        (${DEFAULTS.port})
  --data-dir <dir>      where state is kept                STRONGROOM_DATA_DIR    (${DEFAULTS.dataDir})
  --in-memory           keep state in memory only          STRONGROOM_IN_MEMORY   (false)
  --account-id <id>     default 12-digit account           STRONGROOM_ACCOUNT_ID  (${DEFAULTS.accountId})
  --region <region>     region when a request has none     STRONGROOM_REGION      (${DEFAULTS.region})
  --seed <file>         seed file, repeatable              STRONGROOM_SEED        (comma-separated)
  --log-level <level>   ${LOG_LEVELS.join('|')}   STRONGROOM_LOG_LEVEL   (${DEFAULTS.logLevel})
  --help, --version

The root key that seals values at rest comes from STRONGROOM_ROOT_KEY (64 hex characters),
or from root.key in the data dir (created 0600 on first start).
`;

function fromEnv(env: NodeJS.ProcessEnv): Partial<StrongroomOptions> {
  const truthy = (v: string | undefined) => (v === undefined ? undefined : /^(1|true|yes)$/i.test(v));
  return {
    host: env.STRONGROOM_HOST,
    port: env.STRONGROOM_PORT === undefined ? undefined : Number(env.STRONGROOM_PORT),
    dataDir: env.STRONGROOM_DATA_DIR,
    inMemory: truthy(env.STRONGROOM_IN_MEMORY),
    accountId: env.STRONGROOM_ACCOUNT_ID,
    region: env.STRONGROOM_REGION,
    seeds: env.STRONGROOM_SEED ? env.STRONGROOM_SEED.split(',').filter(Boolean) : undefined,
    logLevel: env.STRONGROOM_LOG_LEVEL as LogLevel | undefined,
    rootKey: env.STRONGROOM_ROOT_KEY,
  };
}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv): Partial<StrongroomOptions> | 'help' | 'version' {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'in-memory': { type: 'boolean' },
      'account-id': { type: 'string' },
      region: { type: 'string' },
      seed: { type: 'string', multiple: true },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  if (values.version) return 'version';
  const envOptions = fromEnv(env);
  const pick = <T>(flag: T | undefined, fromEnvironment: T | undefined) => (flag !== undefined ? flag : fromEnvironment);
  const logLevel = pick(values['log-level'] as LogLevel | undefined, envOptions.logLevel);
  if (logLevel !== undefined && !LOG_LEVELS.includes(logLevel)) throw new Error(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  return {
    host: pick(values.host, envOptions.host),
    port: pick(values.port === undefined ? undefined : Number(values.port), envOptions.port),
    dataDir: pick(values['data-dir'], envOptions.dataDir),
    inMemory: pick(values['in-memory'], envOptions.inMemory),
    accountId: pick(values['account-id'], envOptions.accountId),
    region: pick(values.region, envOptions.region),
    seeds: pick(values.seed, envOptions.seeds),
    logLevel,
    rootKey: envOptions.rootKey,
  };
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(process.argv.slice(2), process.env);
  } catch (err) {
    process.stderr.write(`strongroom: ${(err as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  if (parsed === 'help') return void process.stdout.write(HELP);
  if (parsed === 'version') return void process.stdout.write(`${VERSION}\n`);
  const options = parsed;
  const strongroom = await createStrongroom(options);
  const storage = options.inMemory ? 'in memory' : `in ${options.dataDir ?? DEFAULTS.dataDir}`;
  process.stdout.write(`strongroom ${VERSION} listening on ${strongroom.url} (state ${storage})\n`);
  const shutdown = (signal: string) => {
    process.stdout.write(`strongroom: ${signal}, closing\n`);
    strongroom.close().then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`strongroom: close failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`strongroom: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
