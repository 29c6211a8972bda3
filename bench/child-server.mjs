// A Strongroom server in a child process of its own, for the benchmarks that look at one server
// at a time (bench/list-scaling.mjs, bench/memory.mjs …): its CPU time and its memory are then
// its own, not the load generator's. The server comes from dist/ (run `npm run build` first), in
// memory or on a data dir, log level warn. The parent talks to it over IPC:
//   { type: 'cpu' }     → CPU microseconds (user + system) used so far
//   { type: 'memory' }  → process.memoryUsage() after a full GC (needs --expose-gc in execArgv),
//                         with RSS split into anonymous and file-backed pages where /proc says
//   { type: 'close' }   → closes the server (and its store) and exits
// and to its AWS endpoint through `caller`, on keep-alive connections. `withServer` does both
// for a benchmark's run (`rowsPerStorage`: one run per storage mode); `machineLine` is the line
// every benchmark's output starts with.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** Starts a server in a child process; `options` go to createStrongroom (port 0 and log level warn added). */
async function startServer(options, execArgv = []) {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', JSON.stringify(options)], { execArgv });
  const exited = once(child, 'exit');
  const ask = async (message) => {
    const answer = once(child, 'message');
    child.send(message);
    return (await answer)[0];
  };
  const [port] = await once(child, 'message');
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

/** The headers of an AWS JSON request, signed in form (Strongroom does not verify signatures by default). */
function awsHeaders(target, length, { accessKeyId = 'AKIDEXAMPLE', region = 'us-east-1' } = {}) {
  const service = target.startsWith('secretsmanager.') ? 'secretsmanager' : 'kms';
  return {
    'Content-Type': 'application/x-amz-json-1.1',
    'Content-Length': String(length),
    'X-Amz-Target': target,
    'X-Amz-Date': '20260101T000000Z',
    Authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260101/${region}/${service}/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'0'.repeat(64)}`,
  };
}

/**
 * `call(target, body, scope?)` makes one AWS request on a pool of `sockets` keep-alive
 * connections and resolves to the parsed answer; `scope` ({accessKeyId, region}) picks the
 * account and region.
 */
function caller(port, sockets = 64) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const call = (target, body, scope) =>
    new Promise((resolve, reject) => {
      const payload = Buffer.from(JSON.stringify(body));
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers: awsHeaders(target, payload.length, scope) }, (res) => {
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
  call.close = () => agent.destroy();
  return call;
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
function residentParts() {
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
  const { createStrongroom } = await import('../dist/index.js');
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
