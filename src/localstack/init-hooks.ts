// Init hooks: scripts that run once the server accepts requests, to create the secrets and keys
// a test environment needs, as LocalStack's ready.d scripts do (its init-hooks feature: files
// under the directory, walked in name order; `.sh` and `.py` ones run; the state of each is
// UNKNOWN, RUNNING, SUCCESSFUL or ERROR, and a failure is logged, never fatal). Strongroom also
// runs other executable files, and a `.sh` file without its executable bit through bash.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Logger } from '../log';

/** LocalStack's directory of ready hooks, read in compatibility mode. */
export const LOCALSTACK_READY_DIR = '/etc/localstack/init/ready.d';

/** How long one script may run before it is killed and reported as failed. */
const HOOK_TIMEOUT_MS = 5 * 60_000;

type ScriptState = 'UNKNOWN' | 'RUNNING' | 'SUCCESSFUL' | 'ERROR';

export interface InitScript {
  path: string;
  state: ScriptState;
}

/** How a script is started: its interpreter, if it needs one. */
function commandOf(path: string): [string, string[]] | undefined {
  let executable = true;
  try {
    accessSync(path, constants.X_OK);
  } catch {
    executable = false;
  }
  if (executable) return [path, []];
  if (path.endsWith('.sh')) return ['bash', [path]];
  if (path.endsWith('.py')) return ['python3', [path]];
  return undefined;
}

/** The scripts under `dir`, as LocalStack walks it: a directory's files in name order, then its subdirectories in name order. */
function scriptsUnder(dir: string): string[] {
  const entries = readdirSync(dir).sort();
  const files = entries.filter((name) => statSync(join(dir, name)).isFile()).map((name) => join(dir, name));
  const dirs = entries.filter((name) => statSync(join(dir, name)).isDirectory());
  return [...files.filter((path) => commandOf(path) !== undefined), ...dirs.flatMap((name) => scriptsUnder(join(dir, name)))];
}

/** The scripts of every directory that exists, directory by directory. */
export function findInitScripts(dirs: string[]): InitScript[] {
  return dirs.filter((dir) => existsSync(dir) && statSync(dir).isDirectory()).flatMap((dir) => scriptsUnder(dir).map((path) => ({ path, state: 'UNKNOWN' as ScriptState })));
}

/** The environment of a script: this process's, with the AWS settings that point at the server. */
export function hookEnvironment(endpoint: string, region: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    // A profile, a session token or a service's own endpoint would send the script's calls elsewhere or make them fail.
    if (name === 'AWS_PROFILE' || name === 'AWS_SESSION_TOKEN' || name.startsWith('AWS_ENDPOINT_URL_')) continue;
    env[name] = value;
  }
  return { ...env, AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: region, AWS_REGION: region };
}

interface RunOptions {
  env: NodeJS.ProcessEnv;
  logger: Logger;
  timeoutMs?: number;
}

export interface HookRun {
  /** Resolves when every script has run. */
  done: Promise<void>;
  /** Kills the script running (at close), and runs no further ones. */
  stop(): void;
}

/** Runs the scripts one after the other, updating their states; their output goes to the log, each line after the script's name. */
export function runInitScripts(scripts: InitScript[], options: RunOptions): HookRun {
  const { logger, env, timeoutMs = HOOK_TIMEOUT_MS } = options;
  let stopped = false;
  let kill: ((reason: string) => void) | undefined;

  const runOne = (script: InitScript): Promise<void> =>
    new Promise((resolve) => {
      const name = basename(script.path);
      const [command, args] = commandOf(script.path) ?? [script.path, []];
      script.state = 'RUNNING';
      logger.info(`init hook ${name}: running`);
      // Its own process group, so a timeout ends what it started too (an aws command, a sleep).
      const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      let why: string | undefined;
      kill = (reason: string) => {
        why ??= reason;
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      };
      const timer = setTimeout(() => kill?.(`still running after ${timeoutMs / 1000} seconds, killed`), timeoutMs);
      for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream }).on('line', (line) => logger.info(`[${name}] ${line}`));
      // 'exit', not 'close': a script may leave a process running that holds its output open.
      const finish = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
        clearTimeout(timer);
        kill = undefined;
        if (script.state !== 'RUNNING') return;
        if (code === 0 && !error) {
          script.state = 'SUCCESSFUL';
          logger.info(`init hook ${name}: done`);
        } else {
          script.state = 'ERROR';
          logger.error(`init hook ${name} failed: ${why ?? error?.message ?? (signal ? `killed by ${signal}` : `exit code ${code}`)}`);
        }
        resolve();
      };
      child.once('error', (err) => finish(null, null, err));
      child.once('exit', (code, signal) => finish(code, signal));
    });

  const done = (async () => {
    for (const script of scripts) {
      if (stopped) return;
      await runOne(script);
    }
  })();
  return {
    done,
    stop() {
      stopped = true;
      kill?.('the server is closing');
    },
  };
}
