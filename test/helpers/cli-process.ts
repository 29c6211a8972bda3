// Strongroom's CLI in a real child process, for the tests that need one (a kill -9, a second
// process on the same data dir, the process's own umask). Child processes do not go through
// jest's transform, so the server is compiled from src with swc (what jest uses) into a temp dir.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { transformFileSync } from '@swc/core';

const ROOT = resolve(__dirname, '../..');

/** Compiles src/ into `out`/dist and returns the path of its cli.js. */
export function buildCli(out: string): string {
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith('.ts')) {
        const dest = join(out, 'dist', relative(join(ROOT, 'src'), path).replace(/\.ts$/, '.js'));
        mkdirSync(dirname(dest), { recursive: true });
        writeFileSync(dest, transformFileSync(path, { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }).code);
      }
    }
  };
  walk(join(ROOT, 'src'));
  // dist/ finds the models, its dependencies and its version where the build layout has them.
  for (const name of ['protocol', 'node_modules', 'package.json']) symlinkSync(join(ROOT, name), join(out, name));
  return join(out, 'dist', 'cli.js');
}

export interface CliProcess {
  child: ChildProcess;
  url: string;
  /** Everything it has written to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then waits for the exit (the server closes its store first). */
  stop(): Promise<void>;
}

/** Runs the CLI with `args` (after `--port 0`) until it says where it listens; rejects with its output if it exits first. */
export function startCli(cli: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliProcess> {
  const child = spawn(process.execPath, [cli, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolveStart, reject) => {
    let out = '';
    child.stderr!.on('data', (chunk) => (out += chunk));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolveStart({ child, url, output: () => out, stop });
    });
    child.once('exit', (code) => reject(Object.assign(new Error(`server exited with ${code}: ${out}`), { code, output: out })));
  });
}

/** The paths of every file under `dir`. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Whether any file under `dir` holds `bytes` (a file LevelDB removes meanwhile holds nothing). */
export function dataDirHolds(dir: string, bytes: string | Buffer): boolean {
  return filesUnder(dir).some((file) => {
    try {
      return readFileSync(file).includes(bytes);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  });
}
