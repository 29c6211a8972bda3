// Cold start: how long from spawning `node dist/cli.js --port 0 --in-memory` to its first 2xx
// answer, on GET /_strongroom/health and (in another spawn) on a first AWS call (a signed
// Secrets Manager ListSecrets), in each mode of bench/run.mjs (`open` with the audit trail off,
// `enforce` with it on), beside a bare `node -e "require('http').createServer(…)"` spawned the
// same way. The clock starts just before the spawn; the port is read from the line the process
// prints once it listens (`… listening on <url>`), and the request is sent at once, again on
// every refusal until a 2xx. Each server is pinned to one core where taskset allows (as in
// bench/run.mjs). The variants take turns, COLD_RUNS rounds; the median, min and max are
// printed. `npm run bench:cold` builds first.
//
// Environment: COLD_RUNS (default 9), BENCH_DIST (the dist/ to start, default this checkout's).
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineLine, PINNING } from './child-server.mjs';
import { signedHeaders } from './sigv4.mjs';

const RUNS = Number(process.env.COLD_RUNS ?? 9);
const CLI = process.env.BENCH_DIST ? join(resolve(process.env.BENCH_DIST), 'cli.js') : fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const BARE = "require('http').createServer((q,s)=>{q.resume();q.on('end',()=>s.end('ok'))}).listen(0,'127.0.0.1',function(){console.log('listening on http://127.0.0.1:'+this.address().port)})";
const MODES = {
  open: ['--auth', 'open', '--audit-trail', 'false'],
  enforce: ['--auth', 'enforce', '--audit-trail', 'true'],
};

const variants = [
  { name: 'bare node:http, first 2xx', args: ['-e', BARE], first: 'health' },
  ...Object.entries(MODES).flatMap(([mode, flags]) => [
    { name: `strongroom ${mode}, first 2xx on /_strongroom/health`, args: [CLI, '--port', '0', '--in-memory', ...flags], first: 'health' },
    { name: `strongroom ${mode}, first 2xx on an AWS call (ListSecrets)`, args: [CLI, '--port', '0', '--in-memory', ...flags], first: 'aws' },
  ]),
];

/** One request; resolves to its status, or 0 when the connection is refused. */
function send(port, first) {
  return new Promise((done) => {
    const payload = Buffer.from('{}');
    const go = (options, body) => {
      const req = request({ host: '127.0.0.1', port, agent: false, ...options }, (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode));
      });
      req.on('error', () => done(0));
      req.end(body);
    };
    if (first === 'health') go({ method: 'GET', path: '/_strongroom/health' });
    else signedHeaders(port, 'secretsmanager.ListSecrets', payload).then((headers) => go({ method: 'POST', path: '/', headers }, payload));
  });
}

/** Milliseconds from spawn to the first 2xx. */
async function coldStart({ args, first }) {
  const command = PINNING ? ['taskset', ['-c', PINNING.server, process.execPath, ...args]] : [process.execPath, args];
  const started = performance.now();
  const child = spawn(command[0], command[1], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise((found, fail) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /listening on http:\/\/[^:\s]+:(\d+)/.exec(out);
        if (match) found(Number(match[1]));
      });
      child.on('exit', (code) => fail(new Error(`${args.join(' ')} exited (${code}) before listening: ${out}`)));
    });
    for (;;) {
      const status = await send(port, first);
      if (status >= 200 && status < 300) return performance.now() - started;
      if (status !== 0) throw new Error(`${args.join(' ')}: first answer ${status}`);
    }
  } finally {
    child.kill();
  }
}

async function main() {
  await signedHeaders(1, 'secretsmanager.ListSecrets', Buffer.from('{}')); // the signer's own first use, outside the clock
  const times = variants.map(() => []);
  for (let round = 0; round < RUNS; round++) {
    for (const [i, variant] of variants.entries()) times[i].push(await coldStart(variant));
  }
  const f = (n) => n.toFixed(0);
  console.log(`\n${machineLine()}`);
  console.log(`Cold start, spawn → first 2xx, ${RUNS} runs each (taking turns); ${PINNING ? `pinned to core ${PINNING.server}` : 'not pinned'}; ${CLI}\n`);
  console.log('| variant | median ms | min ms | max ms |');
  console.log('|---|---:|---:|---:|');
  for (const [i, variant] of variants.entries()) {
    const sorted = times[i].sort((a, b) => a - b);
    console.log(`| ${variant.name} | ${f(sorted[Math.floor(sorted.length / 2)])} | ${f(sorted[0])} | ${f(sorted.at(-1))} |`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
