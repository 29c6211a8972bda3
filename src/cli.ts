#!/usr/bin/env node
// strongroom [options]: flags, then environment variables, then defaults.
import { parseArgs } from 'node:util';
import type { AuthMode } from './auth/types';
import { bannerLines } from './banner';
import { DEFAULTS, type StrongroomOptions } from './config';
import { reduceMemoryWhenIdle } from './idle-memory';
import { createStrongroom } from './index';
import { servicesWarning, withLocalStackEnvironment } from './localstack/environment';
import { LOG_LEVELS, type LogLevel } from './log';
import { VERSION } from './version';

export const HELP = `strongroom ${VERSION}: a local AWS Secrets Manager and KMS

Usage: strongroom [options]
       strongroom export [options]   the state as a seed file (strongroom export --help)

  option               environment variable   default
  --host <addr>        STRONGROOM_HOST        ${DEFAULTS.host}
  --port <n>           STRONGROOM_PORT        ${DEFAULTS.port}  (0 picks a free port)
  --data-dir <dir>     STRONGROOM_DATA_DIR    ${DEFAULTS.dataDir}
  --in-memory          STRONGROOM_IN_MEMORY   false  (state is gone when the process ends)
  --account-id <id>    STRONGROOM_ACCOUNT_ID  ${DEFAULTS.accountId}  (for access keys that are not 12 digits)
  --region <region>    STRONGROOM_REGION      ${DEFAULTS.region}  (for requests whose credential names none)
  --seed <file>        STRONGROOM_SEED        none  (repeatable; the variable is comma-separated)
  --auth <mode>        STRONGROOM_AUTH        ${DEFAULTS.auth}  (open, verify, audit or enforce: docs/access-control.md)
  --log-level <level>  STRONGROOM_LOG_LEVEL   ${DEFAULTS.logLevel}  (${LOG_LEVELS.join(', ')})
  --sync-writes <bool> STRONGROOM_SYNC_WRITES ${DEFAULTS.syncWrites}  (true: answer a write once it is synced to disk)
  --cors-origins <list>   STRONGROOM_CORS_ORIGINS  none  (web origins allowed besides localhost ones; * for all)
  --allowed-hosts <list>  STRONGROOM_ALLOWED_HOSTS none  (Host names accepted besides IPs, localhost and --host; * for all)
  --audit-trail <bool> STRONGROOM_AUDIT_TRAIL ${DEFAULTS.auditTrail}  (record every call and service event: docs/audit.md)
  --audit-log <file>   STRONGROOM_AUDIT_LOG   none  (also append each event to this file as a JSON line)
  --console <bool>     STRONGROOM_CONSOLE     ${DEFAULTS.console}  (the web console: docs/console.md)
  --console-path <p>   STRONGROOM_CONSOLE_PATH ${DEFAULTS.consolePath}
  --console-access-key <id> STRONGROOM_CONSOLE_ACCESS_KEY  (act as this iam key's principal; default: each account's root)
  --agent-port <n>     STRONGROOM_AGENT_PORT  off  (the Secrets Manager Agent and Lambda extension interface,
                          usually 2773: docs/agent.md)
  --agent-token <t>    STRONGROOM_AGENT_TOKEN  (X-Aws-Parameters-Secrets-Token to expect, or file://<path>; default:
                          AWS_TOKEN, AWS_SESSION_TOKEN, AWS_CONTAINER_AUTHORIZATION_TOKEN, else any)
  --agent-flavor <f>   STRONGROOM_AGENT_FLAVOR ${DEFAULTS.agentFlavor}  (agent or extension: whose JSON answers to give)
  --localstack-compat  STRONGROOM_LOCALSTACK_COMPAT false  (also listen on the LocalStack port, serve /_localstack/health,
                          print Ready.; reads DEFAULT_REGION, GATEWAY_LISTEN, LOCALSTACK_HOST: docs/migrating-from-localstack.md)
  --localstack-port <n> STRONGROOM_LOCALSTACK_PORT ${DEFAULTS.localstackPort}  (0 picks a free port)
  --init-dir <dir>     STRONGROOM_INIT_DIR    ${DEFAULTS.initDir}  (scripts run once the server is ready)
  --lambda-endpoint <url> STRONGROOM_LAMBDA_ENDPOINT none  (Lambda Invoke API for rotation functions no seed
                          declares; else AWS_ENDPOINT_URL_LAMBDA)
  --help, -h           print this and exit
  --version, -v        print the version and exit

The root key that seals values at rest comes from STRONGROOM_ROOT_KEY (64 hex characters or
base64 of 32 bytes), or else from root.key in the data dir (created 0600 on first start).
`;

function parsePort(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(port <= 65535)) throw new Error(`${name} must be a port number from 0 to 65535, got '${text}'`);
  return port;
}

function parseBoolean(text: string | undefined, name: string): boolean | undefined {
  if (text === undefined) return undefined;
  if (/^(true|1|yes)$/i.test(text)) return true;
  if (/^(false|0|no)$/i.test(text)) return false;
  throw new Error(`${name} must be true or false, got '${text}'`);
}

/** A comma-separated list, empty items dropped. */
function list(text: string | undefined): string[] | undefined {
  return text === undefined ? undefined : text.split(',').map((item) => item.trim()).filter(Boolean);
}

function fromEnv(env: NodeJS.ProcessEnv): Partial<StrongroomOptions> {
  const truthy = (v: string | undefined) => (v === undefined ? undefined : /^(1|true|yes)$/i.test(v));
  return {
    host: env.STRONGROOM_HOST,
    port: parsePort(env.STRONGROOM_PORT, 'STRONGROOM_PORT'),
    dataDir: env.STRONGROOM_DATA_DIR,
    inMemory: truthy(env.STRONGROOM_IN_MEMORY),
    accountId: env.STRONGROOM_ACCOUNT_ID,
    region: env.STRONGROOM_REGION,
    seeds: env.STRONGROOM_SEED ? list(env.STRONGROOM_SEED) : undefined,
    logLevel: env.STRONGROOM_LOG_LEVEL as LogLevel | undefined,
    auth: env.STRONGROOM_AUTH as AuthMode | undefined,
    rootKey: env.STRONGROOM_ROOT_KEY,
    syncWrites: parseBoolean(env.STRONGROOM_SYNC_WRITES, 'STRONGROOM_SYNC_WRITES'),
    corsOrigins: list(env.STRONGROOM_CORS_ORIGINS),
    allowedHosts: list(env.STRONGROOM_ALLOWED_HOSTS),
    auditTrail: parseBoolean(env.STRONGROOM_AUDIT_TRAIL, 'STRONGROOM_AUDIT_TRAIL'),
    auditLog: env.STRONGROOM_AUDIT_LOG || undefined,
    console: parseBoolean(env.STRONGROOM_CONSOLE, 'STRONGROOM_CONSOLE'),
    consolePath: env.STRONGROOM_CONSOLE_PATH || undefined,
    consoleAccessKey: env.STRONGROOM_CONSOLE_ACCESS_KEY || undefined,
    agentPort: parsePort(env.STRONGROOM_AGENT_PORT || undefined, 'STRONGROOM_AGENT_PORT'),
    agentToken: env.STRONGROOM_AGENT_TOKEN || undefined,
    agentFlavor: (env.STRONGROOM_AGENT_FLAVOR || undefined) as StrongroomOptions['agentFlavor'] | undefined,
    localstackCompat: parseBoolean(env.STRONGROOM_LOCALSTACK_COMPAT || undefined, 'STRONGROOM_LOCALSTACK_COMPAT'),
    localstackPort: parsePort(env.STRONGROOM_LOCALSTACK_PORT || undefined, 'STRONGROOM_LOCALSTACK_PORT'),
    initDir: env.STRONGROOM_INIT_DIR || undefined,
    // The SDKs' own variable for a Lambda endpoint, where Strongroom's is not set.
    lambdaEndpoint: env.STRONGROOM_LAMBDA_ENDPOINT || env.AWS_ENDPOINT_URL_LAMBDA || undefined,
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
      auth: { type: 'string' },
      'sync-writes': { type: 'string' },
      'cors-origins': { type: 'string' },
      'allowed-hosts': { type: 'string' },
      'lambda-endpoint': { type: 'string' },
      'audit-trail': { type: 'string' },
      'audit-log': { type: 'string' },
      console: { type: 'string' },
      'console-path': { type: 'string' },
      'console-access-key': { type: 'string' },
      'agent-port': { type: 'string' },
      'agent-token': { type: 'string' },
      'agent-flavor': { type: 'string' },
      'localstack-compat': { type: 'boolean' },
      'localstack-port': { type: 'string' },
      'init-dir': { type: 'string' },
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
  if (logLevel !== undefined && !LOG_LEVELS.includes(logLevel)) throw new Error(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got '${logLevel}'`);
  return withLocalStackEnvironment({
    host: pick(values.host, envOptions.host),
    port: pick(parsePort(values.port, '--port'), envOptions.port),
    dataDir: pick(values['data-dir'], envOptions.dataDir),
    inMemory: pick(values['in-memory'], envOptions.inMemory),
    accountId: pick(values['account-id'], envOptions.accountId),
    region: pick(values.region, envOptions.region),
    seeds: pick(values.seed, envOptions.seeds),
    logLevel,
    auth: pick(values.auth as AuthMode | undefined, envOptions.auth),
    rootKey: envOptions.rootKey,
    syncWrites: pick(parseBoolean(values['sync-writes'], '--sync-writes'), envOptions.syncWrites),
    corsOrigins: pick(list(values['cors-origins']), envOptions.corsOrigins),
    allowedHosts: pick(list(values['allowed-hosts']), envOptions.allowedHosts),
    lambdaEndpoint: pick(values['lambda-endpoint'], envOptions.lambdaEndpoint),
    auditTrail: pick(parseBoolean(values['audit-trail'], '--audit-trail'), envOptions.auditTrail),
    auditLog: pick(values['audit-log'], envOptions.auditLog),
    console: pick(parseBoolean(values.console, '--console'), envOptions.console),
    consolePath: pick(values['console-path'], envOptions.consolePath),
    consoleAccessKey: pick(values['console-access-key'], envOptions.consoleAccessKey),
    agentPort: pick(parsePort(values['agent-port'], '--agent-port'), envOptions.agentPort),
    agentToken: pick(values['agent-token'], envOptions.agentToken),
    agentFlavor: pick(values['agent-flavor'] as StrongroomOptions['agentFlavor'] | undefined, envOptions.agentFlavor),
    localstackCompat: pick(values['localstack-compat'], envOptions.localstackCompat),
    localstackPort: pick(parsePort(values['localstack-port'], '--localstack-port'), envOptions.localstackPort),
    initDir: pick(values['init-dir'], envOptions.initDir),
  }, env);
}

async function main(): Promise<void> {
  // A subcommand: the state as a seed file (src/export/cli.ts), no server.
  if (process.argv[2] === 'export') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded for this subcommand only (cold start)
    const { exportMain }: typeof import('./export/cli') = require('./export/cli');
    return exportMain(process.argv.slice(3), process.env);
  }
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
  // Files this process creates, LevelDB's among them, are for its user only. (Embedded, the store
  // leaves the application's umask alone and narrows the modes of its own files itself.)
  process.umask(0o077);
  const strongroom = await createStrongroom(options);
  const banner = bannerLines({
    ...strongroom,
    version: VERSION,
    auth: options.auth ?? DEFAULTS.auth,
    region: options.region ?? DEFAULTS.region,
  });
  process.stdout.write(`${banner.join('\n')}\n`);
  reduceMemoryWhenIdle();
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
  if (options.localstackCompat) {
    process.stdout.write(`LocalStack-compatible endpoint: ${strongroom.localstackUrl}\n`);
    const warning = servicesWarning(process.env);
    if (warning) process.stderr.write(`${warning}\n`);
    // LocalStack prints it once its ready hooks have run; Testcontainers waits for it.
    await strongroom.ready;
    process.stdout.write('Ready.\n');
  }
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`strongroom: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
