// The environment LocalStack's users and the Testcontainers modules set, read in compatibility
// mode only (outside it, a shell's AWS_DEFAULT_REGION must not change Strongroom's defaults).
// Strongroom's own variables and flags win over these. Credentials need nothing: any key works.
import type { StrongroomOptions } from '../config';

/** LocalStack's port (its GATEWAY_LISTEN default). */
const LOCALSTACK_PORT = 4566;

/** LocalStack's names of the services Strongroom emulates, as SERVICES lists them. */
const EMULATED = ['kms', 'secretsmanager', 'sts', 'cloudtrail'];

/** The port of GATEWAY_LISTEN's first address (`0.0.0.0:4566`, `:4566`, `[::]:4566`); an address without one means 4566. */
function gatewayPort(listen: string): number {
  const port = /:(\d+)$/.exec(listen.split(',')[0].trim())?.[1];
  return port === undefined ? LOCALSTACK_PORT : checkedPort(port, 'GATEWAY_LISTEN');
}

function checkedPort(text: string, name: string): number {
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(port <= 65535)) throw new Error(`${name} must name a port from 0 to 65535, got '${text}'`);
  return port;
}

/** The host name of LOCALSTACK_HOST (`name[:port]`), which clients put in their Host header. */
function hostName(text: string): string {
  return text.trim().replace(/:\d*$/, '').toLowerCase();
}

/**
 * `options` (from flags and Strongroom's variables) completed from LocalStack's variables when
 * compatibility is on: DEFAULT_REGION or AWS_DEFAULT_REGION for the region, GATEWAY_LISTEN or
 * the older EDGE_PORT for the port, and LOCALSTACK_HOST's name (the network alias Testcontainers
 * sets for other containers) among the allowed hosts.
 */
export function withLocalStackEnvironment(options: Partial<StrongroomOptions>, env: NodeJS.ProcessEnv): Partial<StrongroomOptions> {
  if (!options.localstackCompat) return options;
  const out = { ...options };
  out.region ??= env.DEFAULT_REGION || env.AWS_DEFAULT_REGION || undefined;
  if (out.localstackPort === undefined) {
    if (env.GATEWAY_LISTEN) out.localstackPort = gatewayPort(env.GATEWAY_LISTEN);
    else if (env.EDGE_PORT) out.localstackPort = checkedPort(env.EDGE_PORT, 'EDGE_PORT');
  }
  const host = env.LOCALSTACK_HOST ? hostName(env.LOCALSTACK_HOST) : '';
  if (host) out.allowedHosts = [...(out.allowedHosts ?? []), host];
  return out;
}

/** A warning when SERVICES names only services Strongroom does not emulate (those calls will fail). */
export function servicesWarning(env: NodeJS.ProcessEnv): string | undefined {
  const named = (env.SERVICES ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  if (named.length === 0 || named.some((name) => EMULATED.includes(name))) return undefined;
  return `strongroom: SERVICES=${env.SERVICES} names no service Strongroom emulates (it emulates Secrets Manager, KMS and STS, and CloudTrail LookupEvents); calls to ${named.join(', ')} will be refused.`;
}
