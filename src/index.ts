// createStrongroom(options): the embeddable factory. Opens the store, builds both services,
// loads seeds, and listens. Tests start it on port 0 with inMemory.
import type { AddressInfo } from 'node:net';
import { Clock } from './clock';
import { resolveOptions, type StrongroomOptions } from './config';
import { createAdminApp } from './http/admin';
import { createFrontDoor } from './http/aws';
import { createBrowserGuard } from './http/browser-guard';
import { createHttpServer, HTTP_LIMITS } from './http/server';
import { Logger } from './log';
import { loadSeedFile, type Seeder } from './seed';
import { createKmsService } from './services/kms';
import { createSecretsManagerService } from './services/secretsmanager';
import type { ServiceDeps } from './services/service';
import { Store } from './store/store';
import { VERSION } from './version';

export type { StrongroomOptions } from './config';

export interface Strongroom {
  /** Base URL, e.g. http://127.0.0.1:4584 — the endpoint for SDK clients. */
  url: string;
  port: number;
  clock: Clock;
  close(): Promise<void>;
}

export async function createStrongroom(given: Partial<StrongroomOptions> = {}): Promise<Strongroom> {
  const options = resolveOptions(given);
  const store = await Store.open({ inMemory: options.inMemory, dataDir: options.dataDir, rootKey: options.rootKey, syncWrites: options.syncWrites });
  try {
    return await start(options, store);
  } catch (err) {
    // A start that fails (bad seed, port in use, …) must not leave the data dir locked.
    await store.close();
    throw err;
  }
}

async function start(options: StrongroomOptions, store: Store): Promise<Strongroom> {
  const logger = new Logger(options.logLevel);
  const clock = new Clock();
  const deps: ServiceDeps = { store, clock, defaults: { accountId: options.accountId, region: options.region } };
  const kms = createKmsService(deps);
  const services = [createSecretsManagerService(deps, kms.engine), kms];
  const seeders: Record<string, Seeder> = {};
  for (const service of services) {
    if (service.seed) seeders[service.name] = service.seed;
    if (service.sweep) clock.onTick(service.sweep.bind(service));
  }

  for (const file of options.seeds) await loadSeedFile(file, seeders, deps.defaults);

  const frontDoor = createFrontDoor({ services, clock, logger, defaults: deps.defaults });
  const app = createAdminApp({
    version: VERSION,
    storage: store.mode,
    services: services.map((s) => s.name),
    clock,
    logger,
    reset: async () => {
      await store.reset();
      for (const service of services) service.reset?.();
    },
  });
  const guard = createBrowserGuard({ host: options.host, corsOrigins: options.corsOrigins, allowedHosts: options.allowedHosts, logger });
  const server = createHttpServer(guard, frontDoor, app, logger, { ...HTTP_LIMITS, ...options.httpLimits });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // The URL clients can use: a wildcard address becomes loopback.
  const host = options.host === '0.0.0.0' ? '127.0.0.1' : options.host === '::' ? '[::1]' : options.host.includes(':') ? `[${options.host}]` : options.host;
  clock.start();

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    clock,
    close() {
      closing ??= (async () => {
        await clock.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await store.close();
      })();
      return closing;
    },
  };
}
