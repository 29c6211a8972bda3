// Emulated time: real time plus an offset that tests move through POST /_strongroom/clock.
// Work that falls due (deletion windows, …) is done by sweeps registered here; they run on a
// timer and at once whenever the clock is moved, so a test that jumps 30 days sees the result.
export type Sweep = (now: Date) => Promise<void>;

export class Clock {
  private offsetMs = 0;
  private readonly sweeps: Sweep[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** Moves the emulated clock and runs the sweeps it makes due. */
  async setOffset(ms: number): Promise<void> {
    this.offsetMs = ms;
    await this.runSweeps();
  }

  onTick(sweep: Sweep): void {
    this.sweeps.push(sweep);
  }

  start(intervalMs = 1000): void {
    // A failed sweep is already logged by runSweeps; the timer must not leave a rejection behind.
    this.timer = setInterval(() => this.runSweeps().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a sweep under way, so the store can close after it. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Runs every sweep once; overlapping calls share a run that starts after the current one. */
  async runSweeps(): Promise<void> {
    const previous = this.running ?? Promise.resolve();
    const run = previous.then(async () => {
      const now = this.now();
      for (const sweep of this.sweeps) await sweep(now);
    });
    this.running = run.catch((err) => {
      console.error('strongroom: scheduled work failed', err);
    });
    await run;
  }
}
