// Strongroom's options, their defaults, and how the CLI and the environment spell them.
import type { LogLevel } from './log';

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
};

export function resolveOptions(given: Partial<StrongroomOptions>): StrongroomOptions {
  const options = { ...DEFAULTS };
  for (const [k, v] of Object.entries(given)) if (v !== undefined) (options as unknown as Record<string, unknown>)[k] = v;
  if (!/^\d{12}$/.test(options.accountId)) throw new Error(`account id must be 12 digits, got '${options.accountId}'`);
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new Error(`invalid port '${options.port}'`);
  return options;
}
