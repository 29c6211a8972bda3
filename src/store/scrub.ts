// Purged records must not stay readable in LevelDB's files. A delete only writes a tombstone:
// the old value stays in the write-ahead log and in the sorted table files until a compaction
// merges it with the tombstone, and even then it stays while a snapshot taken before the delete
// is open (every LevelDB read holds one until it ends). So after a commit that purges, the
// Scrubber waits for the reads in flight, then compacts the purged keys' range: LevelDB writes
// its memtable out to a table file (and deletes the old log) and merges the files holding the
// range down the levels, dropping the deleted values. It runs off the request path; the job
// runner awaits it before a clock move answers.
//
// That alone is not enough: CompactRange merges each level into the one below and never
// rewrites the deepest file holding the range by itself, and a value can sit in that one file
// beside its tombstone (written out of the memtable together, or merged there under a
// snapshot). So the pass then deletes each purged key once more and compacts again: the new
// tombstone is written out above that file and merged down into it. A key written again since
// its purge is left alone (its new value hides the old one), and a commit that writes a key
// while the pass deletes it waits for that delete, so the pass never removes a later write.
// (Services purge and write a record under the same lock, so a purge never races a write.)

/** The reads in flight on each database. */
const readsInFlight = new WeakMap<object, Set<Promise<unknown>>>();

/** Counts `read` (a LevelDB get or iterator of `db`) as in flight until it settles. */
export function tracked<T>(db: object, read: Promise<T>): Promise<T> {
  let reads = readsInFlight.get(db);
  if (!reads) readsInFlight.set(db, (reads = new Set()));
  const inFlight = reads;
  inFlight.add(read);
  const done = () => inFlight.delete(read);
  read.then(done, done);
  return read;
}

/** Settles once every read of `db` in flight now has ended. */
async function drained(db: object): Promise<void> {
  await Promise.allSettled([...(readsInFlight.get(db) ?? [])]);
}

export interface Compactable {
  batch(ops: { type: 'del'; key: string }[]): Promise<void>;
  compactRange(start: string, end: string): Promise<void>;
}

/** A write a commit is about to make. */
export interface Write {
  type: 'put' | 'del';
  table: string;
  key: string;
}

/** Purged keys by table (one compaction per table and pass). */
type Purged = Map<string, Set<string>>;

export class Scrubber {
  /** Keys waiting for the next pass. */
  private pending: Purged = new Map();
  /** The keys of the pass under way. */
  private current: Purged | undefined;
  /** The pass's second delete of its keys, while it is being written. */
  private deleting: { keys: Set<string>; done: Promise<unknown> } | undefined;
  private passes: Promise<void> = Promise.resolve();

  constructor(private readonly db: () => Compactable) {}

  /** No purge waits to be scrubbed: commits need not call before(). */
  get idle(): boolean {
    return this.pending.size === 0 && this.current === undefined;
  }

  /** Queues a key that a commit which has just succeeded purged. */
  add(table: string, key: string): void {
    if (this.pending.size === 0) this.passes = this.passes.then(() => this.pass());
    const keys = this.pending.get(table);
    if (keys) keys.add(key);
    else this.pending.set(table, new Set([key]));
  }

  /** Before a commit: the keys it puts are no longer purged; resolves once the pass's delete of any of them is written. */
  async before(writes: Write[]): Promise<void> {
    let wait: Promise<unknown> | undefined;
    for (const { type, table, key } of writes) {
      if (type !== 'put') continue;
      this.pending.get(table)?.delete(key);
      this.current?.get(table)?.delete(key);
      if (this.deleting?.keys.has(key)) wait = this.deleting.done;
    }
    await wait;
  }

  /** Settles once every key queued so far is scrubbed. */
  settled(): Promise<void> {
    return this.passes;
  }

  private async pass(): Promise<void> {
    const purged = (this.current = this.pending);
    this.pending = new Map();
    // Taken now: before() may empty a table's set from here on.
    const ranges = [...purged.values()].map((keys) => {
      const sorted = [...keys].sort();
      return [sorted[0], sorted[sorted.length - 1]] as const;
    });
    const db = this.db();
    const compact = async () => {
      for (const [start, end] of ranges) await db.compactRange(start, end);
    };
    try {
      await drained(db);
      await compact();
      const keys = new Set([...purged.values()].flatMap((set) => [...set]));
      const done = db.batch([...keys].map((key) => ({ type: 'del', key })));
      this.deleting = { keys, done: done.catch(() => undefined) };
      await done;
      this.deleting = undefined;
      await compact();
    } catch (err) {
      // The purge itself is committed; only its removal from the files failed (an I/O error).
      console.error('strongroom: removing purged records from the data dir failed', err);
    } finally {
      this.current = undefined;
      this.deleting = undefined;
    }
  }
}
