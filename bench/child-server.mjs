// A Strongroom server in a child process of its own, for the benchmarks that look at one server
// at a time (bench/list-scaling.mjs, bench/memory.mjs …): its CPU time and its memory are then
// its own, not the load generator's. The server comes from dist/ (run `npm run build` first), in
// memory or on a data dir, log level warn, pinned to one core where taskset allows (PINNING;
// BENCH_DIST names another build's dist/). Requests are signed for real (bench/sigv4.mjs), so
// the servers may run any --auth mode with the default key `test`. The parent talks to it over IPC:
//   { type: 'cpu' }     → CPU microseconds (user + system) used so far
//   { type: 'memory' }  → process.memoryUsage() after a full GC (needs --expose-gc in execArgv),
//                         with RSS split into anonymous and file-backed pages where /proc says
//   { type: 'close' }   → closes the server (and its store) and exits
// and to its AWS endpoint through `caller`, on keep-alive connections. `withServer` does both
// for a benchmark's run (`rowsPerStorage`: one run per storage mode); `machineLine` is the line
// every benchmark's output starts with.
import { fork, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { signedHeaders } from './sigv4.mjs';

/**
 * Runs `fn({ server, call })` against a server child, then closes the caller and the server and
 * removes the data dir it made, whatever happens. `storage` is 'memory' or 'disk': on
 * `options.dataDir` where given, else on a new temporary data dir. The other `options` go to
 * createStrongroom, except `sockets` (the caller's pool of connections) and `execArgv` (the
 * child's node flags).
 */
export async function withServer(storage, { sockets, execArgv, ...options }, fn) {
  const temporary = storage === 'disk' && !options.dataDir ? mkdtempSync(join(tmpdir(), 'strongroom-bench-')) : undefined;
  try {
    const server = await startServer(storage === 'memory' ? { ...options, inMemory: true } : { dataDir: temporary, ...options }, execArgv);
    const call = caller(server.port, sockets);
    try {
      return await fn({ server, call });
    } finally {
      call.close();
      await server.close();
    }
  } finally {
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  }
}

/** `run(mode, { server, call })` on a server of each storage mode in turn (see withServer): their rows, in order. */
export async function rowsPerStorage(modes, options, run) {
  const rows = [];
  for (const mode of modes) rows.push(...(await withServer(mode, options, (handle) => run(mode, handle))));
  return rows;
}

/** When, on which node and machine, and how busy it was; `memory: false` leaves out its size. */
export function machineLine({ memory = true } = {}) {
  const size = memory ? `  ${(totalmem() / 2 ** 30).toFixed(1)} GiB` : '';
  return `${new Date().toISOString()}  node ${process.version}  ${cpus().length} × ${cpus()[0]?.model ?? '?'}${size}  load ${loadavg()[0].toFixed(2)}`;
}

/** The next message of a server child; rejects if the child exits first (one that failed to start has said why on stderr) rather than waiting for good. */
export function nextMessage(child) {
  return new Promise((resolve, reject) => {
    const onExit = (code, signal) => {
      child.off('message', onMessage);
      reject(new Error(`the server child exited (${signal ?? `code ${code}`}) before it answered`));
    };
    const onMessage = (message) => {
      child.off('exit', onExit);
      resolve(message);
    };
    child.once('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Starts a server in a child process; `options` go to createStrongroom (port 0 and log level warn added). */
async function startServer(options, execArgv = []) {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', JSON.stringify(options)], { execArgv });
  const exited = once(child, 'exit');
  const ask = (message) => {
    const answer = nextMessage(child);
    child.send(message);
    return answer;
  };
  const port = await nextMessage(child);
  pin(child.pid, PINNING?.server);
  return {
    port,
    pid: child.pid,
    cpu: () => ask({ type: 'cpu' }),
    memory: () => ask({ type: 'memory' }),
    close: async () => {
      child.send({ type: 'close' });
      await exited;
    },
  };
}

/**
 * `call(target, body, scope?)` makes one AWS request, signed for real (bench/sigv4.mjs), on a
 * pool of `sockets` keep-alive connections and resolves to the parsed answer; `scope`
 * ({accessKeyId, secretAccessKey, region}) picks the key and region (in `open` mode a 12-digit
 * key is that account).
 */
export function caller(port, sockets = 64) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const call = async (target, body, scope) => {
    const payload = Buffer.from(JSON.stringify(body));
    const headers = await signedHeaders(port, target, payload, scope);
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode === 200) resolve(JSON.parse(text));
          else reject(new Error(`${target} answered ${res.statusCode}: ${text}`));
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  };
  call.close = () => agent.destroy();
  return call;
}

/** createStrongroom options from BENCH_SERVER_OPTIONS (JSON), for the one-server benchmarks: `{"auth":"enforce"}`, say. */
export function serverOptions() {
  return process.env.BENCH_SERVER_OPTIONS ? JSON.parse(process.env.BENCH_SERVER_OPTIONS) : {};
}

/** The dist/ folder the servers come from: BENCH_DIST (another build, say a frozen "before"), else this checkout's. */
export function distUrl() {
  return process.env.BENCH_DIST ? pathToFileURL(`${resolve(process.env.BENCH_DIST)}/`).href : new URL('../dist/', import.meta.url).href;
}

/**
 * The server's core and the load generator's: the issue pins the server to one core. With
 * taskset and at least 2 cores (and BENCH_PIN not 0), servers go on the last core and the
 * process that loads them on the others; else nothing is pinned.
 */
export const PINNING = (() => {
  if (process.env.BENCH_PIN === '0' || cpus().length < 2) return undefined;
  if (spawnSync('taskset', ['-V']).status !== 0) return undefined;
  const last = cpus().length - 1;
  return { server: String(last), client: last === 1 ? '0' : `0-${last - 1}` };
})();

/** Pins every thread of `pid` to `cores` (taskset's list form); false where not pinning. */
export function pin(pid, cores) {
  if (!PINNING) return false;
  return spawnSync('taskset', ['-a', '-cp', cores, String(pid)]).status === 0;
}

/** Runs `fn(i)` for every i in [from, to), `concurrency` at a time. */
export async function forEach(from, to, concurrency, fn) {
  let next = from;
  const worker = async () => {
    while (next < to) await fn(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Linux: how much of RSS is anonymous memory (heap, malloc) and how much mapped files (the node binary's pages). */
export function residentParts() {
  let status;
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch {
    return {};
  }
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
  return { rssAnon: kb('RssAnon'), rssFile: kb('RssFile') };
}

async function serve(options) {
  const { createStrongroom } = await import(new URL('index.js', distUrl()).href);
  const server = await createStrongroom({ ...options, port: 0, logLevel: 'warn' });
  process.on('message', async (message) => {
    if (message.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send(user + system);
    } else if (message.type === 'memory') {
      // Several passes: a first full GC can leave finalizers whose objects the next one frees.
      for (let i = 0; i < 3 && globalThis.gc; i++) {
        globalThis.gc();
        await new Promise((resolve) => setImmediate(resolve));
      }
      process.send({ ...process.memoryUsage(), ...residentParts(), gc: Boolean(globalThis.gc) });
    } else if (message.type === 'close') {
      await server.close();
      process.exit(0);
    }
  });
  process.send(server.port);
}

// Only where this file is the child's main module: bench/run.mjs imports it and forks itself
// with --serve too.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--serve') {
  serve(JSON.parse(process.argv[3])).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
