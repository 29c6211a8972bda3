// LockTable: calls on one key run one after another in arrival order, even when one fails;
// calls on different keys overlap.
import { LockTable } from '../../src/store/locks';

/** A promise with its resolve exposed, so the test decides when work finishes. */
function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('LockTable', () => {
  it('runs calls on the same key one at a time, in arrival order', async () => {
    const locks = new LockTable();
    const events: string[] = [];
    const gates = [gate(), gate(), gate()];
    const runs = gates.map((g, i) =>
      locks.run('key/1', async () => {
        events.push(`start ${i}`);
        await g.promise;
        events.push(`end ${i}`);
        return i;
      }),
    );
    await tick();
    expect(events).toEqual(['start 0']);
    gates[2].open();
    gates[1].open();
    await tick();
    expect(events).toEqual(['start 0']);
    gates[0].open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(events).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('lets calls on different keys run at the same time', async () => {
    const locks = new LockTable();
    const a = gate();
    const events: string[] = [];
    const first = locks.run('key/a', async () => {
      events.push('a started');
      await a.promise;
    });
    const second = locks.run('key/b', async () => {
      events.push('b ran');
    });
    await second;
    expect(events).toEqual(['a started', 'b ran']);
    a.open();
    await first;
  });

  it('passes a failure to its caller and still runs the next call', async () => {
    const locks = new LockTable();
    const failing = locks.run('key', async () => {
      throw new Error('failed');
    });
    const next = locks.run('key', async () => 'ran');
    await expect(failing).rejects.toThrow('failed');
    await expect(next).resolves.toBe('ran');
  });
});
