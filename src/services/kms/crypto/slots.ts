/** At most `size` tasks run at once; the others wait their turn, first come first served. */
export class Slots {
  private busy = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.busy < this.size) this.busy++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      // A freed slot passes straight to the next waiting task, so `busy` only drops when none waits.
      const next = this.waiting.shift();
      if (next) next();
      else this.busy--;
    }
  }
}
