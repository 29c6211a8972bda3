// Strongroom's options, their defaults, and how the CLI and the environment spell them.
import { AGENT_FLAVORS, type AgentFlavor } from './agent/answers';
import { AUTH_MODES, type AuthMode } from './auth/types';
import type { LogLevel } from './log';
import { isRegionName } from './regions';
import { normalizeOrigin } from './http/browser-guard';
import type { HttpLimits } from './http/server';
import type { EmbeddedRotationFunction } from './rotation/embedded';
import { isHttpUrl } from './rotation/executors/endpoint';

export interface StrongroomOptions {
  /** Interface to listen on. */
  host: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Where LevelDB keeps state (ignored with inMemory). */
  dataDir: string;
  /** Keep state in memory only: gone when the process ends. */
  inMemory: boolean;
  /** Account for requests whose access key is not a 12-digit account id. */
  accountId: string;
  /** Region for requests that carry none. */
  region: string;
  /** Seed files (YAML or JSON) loaded at start, in order. */
  seeds: string[];
  logLevel: LogLevel;
  /** Root key for sealing values at rest (64 hex chars or base64); default: a key file in dataDir. */
  rootKey?: string;
  /** Acknowledge a write once LevelDB has synced it to disk (fsync), so it survives power loss, not only a crash. */
  syncWrites: boolean;
  /** Web origins (`scheme://host[:port]`) allowed besides loopback ones; `*` allows every origin. */
  corsOrigins: string[];
  /** Host names accepted in the `Host` header besides IP literals, localhost and `host`; `*` accepts any. */
  allowedHosts: string[];
  /**
   * A Lambda Invoke API (`sam local start-lambda`, another emulator) for rotation functions the
   * seed files do not declare: `POST {lambdaEndpoint}/2015-03-31/functions/{name}/invocations`.
   */
  lambdaEndpoint?: string;
  /** Connection timeouts and cap, for embedding (the defaults suit a local server). */
  httpLimits?: Partial<HttpLimits>;
  /** Rotation functions run in this process, by function name (the last segment of the Lambda ARN): for embedding and tests (docs/rotation.md). */
  rotationFunctions?: Record<string, EmbeddedRotationFunction>;
  /** Access control (docs/access-control.md): `open` accepts any well-formed signature; `verify` checks signatures; `audit` also logs what policies would deny; `enforce` denies. */
  auth: AuthMode;
  /** How long one step of a rotation function may run: AWS's maximum by default (a Lambda function runs at most 900 seconds). */
  rotationTimeoutSeconds: number;
  /** Record every call and service event in the audit trail (docs/audit.md); false records nothing. */
  auditTrail: boolean;
  /** Also append each recorded event to this file, one CloudTrail JSON event a line (created 0600). */
  auditLog?: string;
  /** Serve the web console (docs/console.md). */
  console: boolean;
  /** Where the console is served: a path under /_strongroom/. */
  consolePath: string;
  /** The access key (of the seed's iam section) whose principal the console acts as; default: the root of the account viewed. */
  consoleAccessKey?: string;
  /** Serve the Secrets Manager Agent's and the Lambda extension's local interface on this port (docs/agent.md); 0 picks a free one. Unset: off. */
  agentPort?: number;
  /** The token the agent port expects in X-Aws-Parameters-Secrets-Token (`file://<path>` reads it from a file); default: AWS_TOKEN, AWS_SESSION_TOKEN or AWS_CONTAINER_AUTHORIZATION_TOKEN from the environment, else any non-empty token. */
  agentToken?: string;
  /** Whose answers the agent port gives: the Secrets Manager Agent's or the Lambda extension's (they differ in CreatedDate and null fields). */
  agentFlavor: AgentFlavor;
  /** LocalStack compatibility (docs/migrating-from-localstack.md): also listen on `localstackPort`, serve /_localstack/health and /_localstack/init, run LocalStack's ready hooks, print `Ready.`. */
  localstackCompat: boolean;
  /** The second port of LocalStack compatibility (LocalStack's 4566); 0 picks a free one. */
  localstackPort: number;
  /** A directory of init hooks run once the server accepts requests (docs/migrating-from-localstack.md#init-hooks); skipped if it does not exist. */
  initDir?: string;
}

export const DEFAULTS: StrongroomOptions = {
  host: '127.0.0.1',
  port: 4584,
  dataDir: './.strongroom',
  inMemory: false,
  accountId: '000000000000',
  region: 'us-east-1',
  seeds: [],
  logLevel: 'info',
  syncWrites: false,
  corsOrigins: [],
  allowedHosts: [],
  rotationTimeoutSeconds: 900,
  auth: 'open',
  auditTrail: true,
  console: true,
  consolePath: '/_strongroom/console',
  agentFlavor: 'agent',
  localstackCompat: false,
  localstackPort: 4566,
  initDir: '/etc/strongroom/init/ready.d',
};

const isPort = (n: number) => Number.isInteger(n) && n >= 0 && n <= 65535;

export function resolveOptions(given: Partial<StrongroomOptions>): StrongroomOptions {
  const options = { ...DEFAULTS };
  for (const [k, v] of Object.entries(given)) if (v !== undefined) (options as unknown as Record<string, unknown>)[k] = v;
  if (!/^\d{12}$/.test(options.accountId)) throw new Error(`account id must be 12 digits, got '${options.accountId}'`);
  if (!isPort(options.port)) throw new Error(`invalid port '${options.port}'`);
  if (!isRegionName(options.region)) throw new Error(`region must be an AWS region name such as us-east-1, got '${options.region}'`);
  if (options.lambdaEndpoint !== undefined && !isHttpUrl(options.lambdaEndpoint)) {
    throw new Error(`lambda endpoint must be an http or https URL, got '${options.lambdaEndpoint}'`);
  }
  if (!(options.rotationTimeoutSeconds > 0 && options.rotationTimeoutSeconds <= 86_400)) {
    throw new Error(`rotation timeout must be a number of seconds over 0 and at most 86400, got '${options.rotationTimeoutSeconds}'`);
  }
  if (options.auditLog !== undefined && !options.auditTrail) throw new Error('the audit log copies the audit trail: it needs the trail on (--audit-trail true)');
  if (!/^\/_strongroom\/[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(options.consolePath) || /^\/_strongroom\/(health|reset|clock|jobs|audit)(\/|$)/.test(options.consolePath)) {
    throw new Error(`console path must be a path under /_strongroom/ of letters, digits, - and _ that no other route uses, got '${options.consolePath}'`);
  }
  if (options.auditLog === '') throw new Error('the audit log must be a file path, got an empty one');
  if (!AUTH_MODES.includes(options.auth)) throw new Error(`auth mode must be one of ${AUTH_MODES.join(', ')}, got '${options.auth}'`);
  if (options.agentPort !== undefined && !isPort(options.agentPort)) throw new Error(`invalid agent port '${options.agentPort}'`);
  if (!AGENT_FLAVORS.includes(options.agentFlavor)) throw new Error(`agent flavor must be one of ${AGENT_FLAVORS.join(', ')}, got '${options.agentFlavor}'`);
  if (!isPort(options.localstackPort)) throw new Error(`invalid LocalStack port '${options.localstackPort}'`);
  if (options.localstackCompat && options.localstackPort !== 0 && options.localstackPort === options.port) {
    throw new Error(`the LocalStack port must differ from the port, both are ${options.port}`);
  }
  options.corsOrigins = options.corsOrigins.map(normalizeOrigin);
  options.allowedHosts = options.allowedHosts.map((h) => h.trim().toLowerCase());
  return options;
}
