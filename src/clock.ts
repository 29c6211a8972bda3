// Emulated time: real time plus an offset that tests move through POST /_strongroom/clock.
// The work that falls due on it (deletion windows, …) is the job runner's (src/jobs): the clock
// route runs what a move made due before it answers.
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** Moves the emulated clock; JobRunner.runDue runs what this makes due. */
  setOffset(ms: number): void {
    this.offsetMs = ms;
  }
}
