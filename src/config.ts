// Strongroom's options, their defaults, and how the CLI and the environment spell them.
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
};

export function resolveOptions(given: Partial<StrongroomOptions>): StrongroomOptions {
  const options = { ...DEFAULTS };
  for (const [k, v] of Object.entries(given)) if (v !== undefined) (options as unknown as Record<string, unknown>)[k] = v;
  if (!/^\d{12}$/.test(options.accountId)) throw new Error(`account id must be 12 digits, got '${options.accountId}'`);
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new Error(`invalid port '${options.port}'`);
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
  options.corsOrigins = options.corsOrigins.map(normalizeOrigin);
  options.allowedHosts = options.allowedHosts.map((h) => h.trim().toLowerCase());
  return options;
}
