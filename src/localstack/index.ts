// LocalStack compatibility (docs/migrating-from-localstack.md): the init hooks of a start, and
// what the routes (routes.ts, loaded with the admin routes on first use) and the second port
// need. createStrongroom wires them in.
import type { StrongroomOptions } from '../config';
import type { Logger } from '../log';
import { findInitScripts, hookEnvironment, LOCALSTACK_READY_DIR, runInitScripts, type HookRun } from './init-hooks';
import type { InitHooksState } from './routes';

export interface InitHooks extends InitHooksState {
  /** Runs the scripts against `endpoint`; resolves once they all have run (failed ones included). */
  run(endpoint: string, region: string, logger: Logger): Promise<void>;
  /** Kills the script running, and runs no further ones. */
  stop(): void;
}

/** The ready hooks of this start: LocalStack's directory in compatibility mode, then Strongroom's own; each only if it exists. */
export function initHooks(options: Pick<StrongroomOptions, 'localstackCompat' | 'initDir'>): InitHooks {
  const dirs = [...(options.localstackCompat ? [LOCALSTACK_READY_DIR] : []), ...(options.initDir ? [options.initDir] : [])];
  const scripts = findInitScripts(dirs);
  let completed = false;
  let running: HookRun | undefined;
  return {
    scripts,
    readyCompleted: () => completed,
    async run(endpoint, region, logger) {
      running = runInitScripts(scripts, { env: hookEnvironment(endpoint, region), logger });
      await running.done;
      completed = true;
    },
    stop: () => running?.stop(),
  };
}
