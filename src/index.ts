// createStrongroom(options): the embeddable factory. Opens the store, builds both services,
// loads seeds, and listens. Tests start it on port 0 with inMemory.
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTrail } from './audit/trail';
import { keyUsage } from './audit/key-usage';
import { buildEvent } from './audit/events';
import type { AuditSink, FinishedCall, Trail } from './audit/types';
import { createDirectory } from './auth/directory';
import { Clock } from './clock';
import { resolveOptions, type StrongroomOptions } from './config';
import type { AgentServer } from './agent';
import { adminDoor } from './http/admin-door';
import { initHooks } from './localstack';
import { createFrontDoor } from './http/aws';
import type { ExportedState, ExportOptions } from './export';
import { createBrowserCheck, createBrowserGuard } from './http/browser-guard';
import { createHttpServer, HTTP_LIMITS } from './http/server';
import { JobRunner } from './jobs/runner';
import { Logger } from './log';
import type { SeedCounts, Seeder } from './seed';
import { notFoundHint } from './hints';
import { accountOf } from './pipeline/steps/identity';
import { rootPrincipal, type InProcessCall } from './pipeline/context';
import { partition } from './regions';
import { createDispatcher } from './pipeline/dispatch';
import { embeddedFunctions } from './rotation/embedded';
import { createFunctionResolver } from './rotation/executors';
import { FunctionRegistry } from './rotation/executors/registry';
import type { FunctionResolver } from './rotation/functions';
import { firstOf } from './rotation/resolvers';
import { functionSessions } from './rotation/sessions';
import { createCloudTrailService } from './services/cloudtrail';
import { kmsClient } from './services/kms/client';
import { createKmsService } from './services/kms';
import { createSecretsManagerService } from './services/secretsmanager';
import { createStsService } from './services/sts';
import type { ServiceDeps } from './services/service';
import { statusOf } from './protocol/errors';
import { Store } from './store/store';
import { VERSION } from './version';

export type { StrongroomOptions } from './config';
export type { EmbeddedContext, EmbeddedRotationFunction } from './rotation/embedded';
export type { RotationEvent } from './rotation/functions';
export type { ExportedState, ExportFormat, ExportOptions } from './export';

export interface Strongroom {
  /** Base URL, e.g. http://127.0.0.1:4584 — the endpoint for SDK clients. */
  url: string;
  port: number;
  clock: Clock;
  /** Due work on the emulated clock: job kinds register here, and embedders may schedule their own. */
  jobs: JobRunner;
  /** The web console's URL (docs/console.md), unless `console: false`. */
  consoleUrl?: string;
  /** The audit trail (docs/audit.md): what LookupEvents and `GET /_strongroom/audit` read; embedders may record events of their own. */
  trail: Trail;
  /** The agent port's URL (docs/agent.md), when `agentPort` is set: the Secrets Manager Agent's and the Lambda extension's interface. */
  agentUrl?: string;
  /** The LocalStack-compatible port's URL (docs/migrating-from-localstack.md), with `localstackCompat`. */
  localstackUrl?: string;
  /** Resolves once the init hooks have run, failed ones included (at once when there are none); `Ready.` follows it in LocalStack compatibility. */
  ready: Promise<void>;
  /** Where state is kept: the data dir as given, or undefined in memory. */
  dataDir?: string;
  /** The seed files loaded at start, in order, each with how many entries of each kind it declared. */
  seeds: { file: string; counts: SeedCounts }[];
  /** Whether the access key `test` (secret `test`) is the default account's root: unless a seed's iam section turned it off. */
  defaultCredentials: boolean;
  /**
   * Runs an AWS operation in process, through the same pipeline as an HTTP request (model
   * validation, authorization, the log): input and result as the SDK's, blobs as Buffers and
   * timestamps as Dates. Rejects with the AwsError a client would get (`name`, `message`).
   */
  call<T = unknown>(service: 'kms' | 'secretsmanager', operation: string, input: Record<string, unknown>, as?: { accessKeyId?: string; region?: string }): Promise<T>;
  /** The current state as a seed file (docs/seeds.md#exporting-state). */
  exportState(options?: ExportOptions): Promise<ExportedState>;
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
  const jobs = new JobRunner({ store, clock, logger });
  // Services call operations (their own in seeds, the other's) through the dispatcher, made
  // once they exist: `call` is used only after start-up has made it.
  const call: InProcessCall = (service, operation, input, caller) => dispatcher.call(service, operation, input, caller);
  const trail = createTrail({ store, clock, logger, auditLog: options.auditLog, enabled: options.auditTrail });
  for (const kind of trail.jobs) jobs.register(kind);
  const usage = keyUsage(store, clock);
  const audit: AuditSink = { record: trail.record, keyLastUsage: usage.last, trackingStartDate: usage.trackingStartDate };
  const deps: ServiceDeps = { store, clock, defaults: { accountId: options.accountId, region: options.region }, call, audit };
  const directory = createDirectory({ sealer: store.sealer, defaultAccount: options.accountId });
  const kms = createKmsService(deps);
  // Where rotation functions are found, in order; their SDKs call back at this server's URL, known once it listens.
  const resolvers: FunctionResolver[] = [];
  if (options.rotationFunctions) resolvers.push(embeddedFunctions(options.rotationFunctions));
  // Then the seed files' `lambda` section (filled as seeds load), then --lambda-endpoint.
  const lambdaFunctions = new FunctionRegistry();
  resolvers.push(createFunctionResolver(lambdaFunctions, options.lambdaEndpoint));
  let url = '';
  const rotation = { resolve: firstOf(resolvers), endpoint: () => url, timeoutMs: options.rotationTimeoutSeconds * 1000, logger, session: functionSessions(options.auth, directory) };
  const services = [createSecretsManagerService(deps, kmsClient(call, 'secretsmanager.amazonaws.com'), rotation), kms, createStsService(deps, directory), createCloudTrailService(trail)];
  // The record step's event, queued at once, to be written with the key use it marks.
  const recordCall = (call: FinishedCall) => {
    const event = buildEvent(call);
    return { eventId: event.eventID, stored: trail.record(event, usage.ops(event)) };
  };
  const dispatcher = createDispatcher({ services, clock, logger, defaults: deps.defaults, auth: { mode: options.auth, directory, logger }, audit: options.auditTrail ? recordCall : undefined, hint: notFoundHint((kind) => store.census([kind], { count: false }), call) });
  for (const service of services) for (const kind of service.jobs ?? []) jobs.register(kind);
  await jobs.migrate();

  // Seed files, the agent and the state export load their modules when an option asks for them (cold start).
  /* eslint-disable @typescript-eslint/no-require-imports -- modules loaded on first use */
  const seeds: Strongroom['seeds'] = [];
  if (options.seeds.length > 0) {
    const { loadSeedFile }: typeof import('./seed') = require('./seed');
    const { lambdaSeeder }: typeof import('./rotation/executors/seed') = require('./rotation/executors/seed');
    const { iamSeeder }: typeof import('./auth/seed') = require('./auth/seed');
    const seeders: Record<string, Seeder> = { lambda: lambdaSeeder(lambdaFunctions, call), iam: iamSeeder(directory) };
    for (const service of services) if (service.seed) seeders[service.name] = service.seed;
    for (const file of options.seeds) seeds.push({ file, counts: await loadSeedFile(file, seeders, deps.defaults) });
  }

  const frontDoor = createFrontDoor(dispatcher, services, logger);
  // The console acts as the principal of the access key it is given, or as the root of the account it shows.
  const consoleOwner = options.consoleAccessKey === undefined ? undefined : directory.owner(options.consoleAccessKey, undefined, clock.now());
  if (options.consoleAccessKey !== undefined && !consoleOwner) throw new Error(`console access key '${options.consoleAccessKey}' is not a key of the seed files' iam section`);
  // The state export reads every place as its account's root, through the operations; key material from the engine.
  const exportOf = (exportOptions?: ExportOptions) => {
    const { exportState }: typeof import('./export') = require('./export');
    return exportState({ call, places: () => store.census(['secretsmanager/secrets', 'kms/keys'], { count: false }), material: kms.exportMaterial }, exportOptions);
  };
  const hooks = initHooks(options);
  const serviceNames = services.map((s) => s.name);
  // express and the routes on it (admin.ts, the console, LocalStack's) load on the first request
  // that needs them, not before listening: see http/admin-door.ts.
  const consoleRoutes = () => {
    const { createConsole }: typeof import('./console') = require('./console');
    return {
      path: options.consolePath,
      router: createConsole({
        basePath: options.consolePath,
        version: VERSION,
        call,
        clock,
        jobs,
        trail: options.auditTrail ? trail : undefined,
        places: async () =>
          (await store.census(['secretsmanager/secrets', 'kms/keys'])).map(({ accountId, region, counts }) => ({ accountId, region, secrets: counts['secretsmanager/secrets'], keys: counts['kms/keys'] })),
        principal: ({ accountId, region }) => consoleOwner?.principal ?? rootPrincipal(accountId, 'strongroom-console', partition(region)),
        defaults: deps.defaults,
      }),
    };
  };
  const localStack = () => {
    const { localStackRoutes }: typeof import('./localstack/routes') = require('./localstack/routes');
    return localStackRoutes({ version: VERSION, services: serviceNames, init: hooks });
  };
  const buildAdmin = () => {
    const { createAdminApp }: typeof import('./http/admin') = require('./http/admin');
    return createAdminApp({
      version: VERSION,
      storage: store.mode,
      services: serviceNames,
      clock,
      jobs,
      logger,
      trail,
      exportState: exportOf,
      console: options.console ? consoleRoutes() : undefined,
      localstack: options.localstackCompat ? localStack() : undefined,
      reset: async () => {
        await store.reset();
        trail.reset();
        for (const service of services) service.reset?.();
      },
    });
  };
  const app = adminDoor({ version: VERSION, services: serviceNames, storage: store.mode }, buildAdmin);
  const browser = { host: options.host, corsOrigins: options.corsOrigins, allowedHosts: options.allowedHosts };
  const limits = { ...HTTP_LIMITS, ...options.httpLimits };
  const guard = createBrowserGuard({ ...browser, logger });
  const server = createHttpServer(guard, frontDoor, app, logger, limits);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // The URL clients can use: a wildcard address becomes loopback.
  const host = options.host === '0.0.0.0' ? '127.0.0.1' : options.host === '::' ? '[::1]' : options.host.includes(':') ? `[${options.host}]` : options.host;
  url = `http://${host}:${port}`;
  let agent: AgentServer | undefined;
  if (options.agentPort !== undefined) {
    // The agent reads with its host's credentials: here the root of the default account, in the default region.
    const agentCaller = { principal: rootPrincipal(options.accountId, 'strongroom-agent', partition(options.region)), region: options.region };
    const model = dispatcher.routeOf('secretsmanager', 'GetSecretValue')?.model;
    try {
      const { startAgentServer, expectedToken }: typeof import('./agent') = require('./agent');
      /* eslint-enable @typescript-eslint/no-require-imports */
      agent = await startAgentServer({
        host: options.host,
        port: options.agentPort,
        flavor: options.agentFlavor,
        token: expectedToken(options.agentToken, process.env),
        check: createBrowserCheck(browser),
        read: (input) => call('secretsmanager', 'GetSecretValue', { ...input }, agentCaller),
        statusOf: (err) => statusOf(err, model),
        limits,
        logger,
      });
    } catch (err) {
      // A start that fails leaves nothing listening.
      server.close();
      throw err;
    }
  }
  // LocalStack compatibility: the same handler on a second port, LocalStack's.
  let localstack: Server | undefined;
  if (options.localstackCompat) {
    localstack = createHttpServer(guard, frontDoor, app, logger, limits);
    try {
      await once(localstack.listen(options.localstackPort, options.host), 'listening');
    } catch (err) {
      server.close();
      await agent?.close();
      throw err;
    }
  }
  const localstackUrl = localstack && `http://${host}:${(localstack.address() as AddressInfo).port}`;
  jobs.start();
  const ready = hooks.run(localstackUrl ?? url, options.region, logger);

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    consoleUrl: options.console ? `${url}${options.consolePath}` : undefined,
    agentUrl: agent && `http://${host}:${agent.port}`,
    localstackUrl,
    ready,
    dataDir: options.inMemory ? undefined : options.dataDir,
    seeds,
    defaultCredentials: directory.defaultCredentials,
    clock,
    jobs,
    trail,
    exportState: exportOf,
    call(service, operation, input, as = {}) {
      const accessKeyId = as.accessKeyId ?? 'strongroom';
      const region = as.region ?? options.region;
      // A key of the seed's iam section acts as its user or root; any other as its account's root.
      const principal = directory.owner(accessKeyId, undefined, clock.now())?.principal ?? rootPrincipal(accountOf(accessKeyId, options.accountId), accessKeyId, partition(region));
      return call(service, operation, input, { principal, region });
    },
    close() {
      closing ??= (async () => {
        // Jobs finish first, while the server still answers the calls they make.
        hooks.stop();
        await jobs.stop();
        await agent?.close();
        for (const listening of [server, localstack]) {
          if (!listening) continue;
          await new Promise<void>((resolve) => {
            listening.close(() => resolve());
            listening.closeAllConnections();
          });
        }
        // The events of the last calls are written before the store closes.
        await trail.close();
        await store.close();
      })();
      return closing;
    },
  };
}
