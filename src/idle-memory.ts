// Memory given back when the process goes quiet. Under load V8 grows the young generation (to
// 16–32 MiB of semi-spaces) and shrinks it only in a full GC that finds the allocation rate of the
// last 5 s low; an idle process runs no GC at all, so it keeps it: a CLI process that created
// 1,000 secrets sat at 84 MiB of RSS, 69 MiB after one full GC (bench/RESULTS.md, issue 15). So
// the CLI, which owns its process, checks now and then: after a quiet spell with a grown young
// generation it runs that GC (~30 ms with 1,000 secrets), which then shrinks it.
// An application that embeds Strongroom keeps its own GC policy: createStrongroom does not do this.
import { performance } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** V8's gc() (a full GC), without --expose-gc on the command line: exposed to one new context only, then hidden again. */
function fullGc(): () => void {
  setFlagsFromString('--expose-gc');
  try {
    const gc: unknown = runInNewContext("typeof gc === 'function' ? gc : undefined");
    // A Node.js whose flag no longer exposes it runs nothing here, rather than failing the process.
    return typeof gc === 'function' ? (gc as () => void) : () => undefined;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}

/** The young generation's size now (V8 starts it at 1 MiB). */
export const youngGenerationBytes = (): number => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;

export interface IdleMemoryOptions {
  /** How often to look. */
  everyMs: number;
  /** The share of the last period the event loop may have been busy for it to count as quiet. */
  quietBelow: number;
  /** The young generation's size above which it counts as grown. */
  grownAbove: number;
}

const DEFAULTS: IdleMemoryOptions = { everyMs: 10_000, quietBelow: 0.02, grownAbove: 2 * 1024 * 1024 };

/** Starts looking; returns what stops it. `reduce` is the GC to run (tests give their own); V8's is made on first use (a new context costs a start ~2 ms). */
export function reduceMemoryWhenIdle(options: Partial<IdleMemoryOptions> = {}, reduce?: () => void): () => void {
  const { everyMs, quietBelow, grownAbove } = { ...DEFAULTS, ...options };
  let gc = reduce;
  let mark = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const quiet = performance.eventLoopUtilization(now, mark).utilization < quietBelow;
    mark = now;
    if (quiet && youngGenerationBytes() > grownAbove) (gc ??= fullGc())();
  }, everyMs);
  // It never keeps the process alive.
  timer.unref();
  return () => clearInterval(timer);
}
