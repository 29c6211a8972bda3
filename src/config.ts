// Strongroom's options, their defaults, and how the CLI and the environment spell them.
import type { LogLevel } from './log';
import { isRegionName } from './regions';
import { normalizeOrigin } from './http/browser-guard';
import type { HttpLimits } from './http/server';

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
  /** Connection timeouts and cap, for embedding (the defaults suit a local server). */
  httpLimits?: Partial<HttpLimits>;
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
};

export function resolveOptions(given: Partial<StrongroomOptions>): StrongroomOptions {
  const options = { ...DEFAULTS };
  for (const [k, v] of Object.entries(given)) if (v !== undefined) (options as unknown as Record<string, unknown>)[k] = v;
  if (!/^\d{12}$/.test(options.accountId)) throw new Error(`account id must be 12 digits, got '${options.accountId}'`);
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new Error(`invalid port '${options.port}'`);
  if (!isRegionName(options.region)) throw new Error(`region must be an AWS region name such as us-east-1, got '${options.region}'`);
  options.corsOrigins = options.corsOrigins.map(normalizeOrigin);
  options.allowedHosts = options.allowedHosts.map((h) => h.trim().toLowerCase());
  return options;
}
