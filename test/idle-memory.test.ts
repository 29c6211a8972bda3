// The CLI's idle-time GC (src/idle-memory.ts): it runs once a quiet spell follows growth of the
// young generation, never while the event loop is busy, and the full GC it runs shrinks a grown
// young generation back.
import { reduceMemoryWhenIdle, youngGenerationBytes } from '../src/idle-memory';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Keeps the event loop busy for `ms`, in slices, so timers still run. */
async function busyFor(ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const slice = Date.now() + 5;
    while (Date.now() < slice);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('reduceMemoryWhenIdle', () => {
  it('runs the GC in a quiet period when the young generation has grown, not in a busy one', async () => {
    let runs = 0;
    // Grown above 0 bytes: always, so only quietness decides here.
    const stop = reduceMemoryWhenIdle({ everyMs: 100, quietBelow: 0.5, grownAbove: 0 }, () => runs++);
    try {
      await busyFor(450);
      expect(runs).toBe(0);
      await sleep(350);
      expect(runs).toBeGreaterThanOrEqual(2);
    } finally {
      stop();
    }
  });

  it('leaves a young generation that has not grown alone, and stops when told', async () => {
    let runs = 0;
    const stop = reduceMemoryWhenIdle({ everyMs: 50, quietBelow: 1, grownAbove: Number.MAX_SAFE_INTEGER }, () => runs++);
    await sleep(200);
    stop();
    expect(runs).toBe(0);
    const stopped = reduceMemoryWhenIdle({ everyMs: 50, quietBelow: 1, grownAbove: 0 }, () => runs++);
    stopped();
    await sleep(200);
    expect(runs).toBe(0);
  });

  it("shrinks a grown young generation with V8's own GC (no --expose-gc needed)", async () => {
    // Garbage that survives a few scavenges makes V8 grow the young generation (a jest worker's may have grown already).
    const kept: { items?: unknown[] } = {};
    for (let round = 0; round < 200 && youngGenerationBytes() <= 4 * 1024 * 1024; round++) {
      kept.items = Array.from({ length: 20_000 }, (_, i) => ({ i, text: `item ${i}` }));
      await new Promise((resolve) => setImmediate(resolve));
    }
    delete kept.items;
    const grown = youngGenerationBytes();
    expect(grown).toBeGreaterThan(4 * 1024 * 1024);
    // V8 shrinks it in the first full GC after ~5 s of little allocation: the test waits up to 12 s for it.
    const stop = reduceMemoryWhenIdle({ everyMs: 500, quietBelow: 1, grownAbove: 2 * 1024 * 1024 });
    try {
      for (let wait = 0; wait < 48 && youngGenerationBytes() >= grown; wait++) await sleep(250);
    } finally {
      stop();
    }
    expect(youngGenerationBytes()).toBeLessThan(grown);
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('undefined');
  }, 20_000);
});
