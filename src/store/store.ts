// LevelDB (through `level`) on disk, or memory-level for --in-memory: the same abstract-level
// API either way. State is namespaced account → region → service → kind by key prefix (the
// layout of abstract-level sublevels), so a listing is a range scan of one kind in one place.
// Writes that belong together go out in one atomic batch() across kinds. The data dir itself
// (root key, format, modes, lock) is data-dir.ts; removing purged values from the files is
// scrub.ts.
import type { AbstractBatchOperation, AbstractBatchOptions, AbstractLevel } from 'abstract-level';
import { DataDir, ROOT_KEY_VARIABLE } from './data-dir';
import { LockTable } from './locks';
import { newRootKey, parseRootKey, Sealer } from './sealing';
import { Scrubber, tracked, type Compactable } from './scrub';

// The database's own key/value types are string/JSON.
type Root = AbstractLevel<string | Buffer | Uint8Array, string, unknown>;

/**
 * One write of a batch: the stored key, and the table and key it has there (for the record caches).
 * `purge` marks a delete whose old value must not stay recoverable from the files (see scrub.ts).
 */
export type BatchOp = { key: string; table: string; local: string } & ({ type: 'put'; value: unknown } | { type: 'del'; purge?: true });

/** The same operations, their deletes marked as purges: the store then scrubs the old values from its files. */
export function purging(ops: BatchOp[]): BatchOp[] {
  return ops.map((op) => (op.type === 'del' ? { ...op, purge: true } : op));
}

export interface StoreOptions {
  inMemory: boolean;
  dataDir?: string;
  rootKey?: string;
  /** Acknowledge a commit only once LevelDB has synced it to disk (fsync). */
  syncWrites?: boolean;
}

export interface RangeOptions {
  gt?: string;
  gte?: string;
  lt?: string;
  lte?: string;
  limit?: number;
  reverse?: boolean;
}

/** Tables kept at once: a few per account and region in use (each a prefix and, for some, a record cache). */
const MAX_TABLES = 1_000;

/** Cached records are shared by every reader: freezing makes an accidental in-place change throw. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * One kind of record in one account and region, e.g. the KMS keys of 000000000000/us-east-1.
 * Its keys are stored under the prefix `!account!!region!!service!!kind!` of the one database,
 * the layout abstract-level sublevels write; but a Table is a plain object, because a sublevel
 * attaches itself to its database for good and any client can name a new account and region.
 */
export class Table<V> {
  private cache: Map<string, V> | undefined;
  /** Bumped by every forget(): a read that started before it must not fill the cache. */
  private generation = 0;
  /** The first key after every key of this table. */
  private readonly end: string;
  /** When the store last handed this table out (Store.table's count): the least used is let go first. */
  used = 0;

  /** `cacheLimit` > 0 keeps up to that many records in memory, frozen, for hot lookups. */
  constructor(
    private readonly db: () => Root,
    readonly name: string,
    private readonly prefix: string,
    private readonly cacheLimit = 0,
  ) {
    this.cache = cacheLimit > 0 ? new Map() : undefined;
    this.end = `${prefix.slice(0, -1)}"`;
  }

  async get(key: string): Promise<V | undefined> {
    const cache = this.cache;
    if (!cache) return (await this.read((db) => db.get(this.prefix + key))) as V | undefined;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const generation = this.generation;
    const value = (await this.read((db) => db.get(this.prefix + key))) as V | undefined;
    if (value !== undefined && generation === this.generation) {
      if (cache.size >= this.cacheLimit) cache.delete(cache.keys().next().value!);
      cache.set(key, deepFreeze(value));
    }
    return value;
  }

  /** Drops a cached record (or all of them): Store.commit calls it for every key it writes. */
  forget(key?: string): void {
    if (!this.cache) return;
    this.generation++;
    if (key === undefined) this.cache.clear();
    else this.cache.delete(key);
  }

  /** Stops caching for good, once the store has let go of this table and no longer invalidates it. */
  retire(): void {
    this.forget();
    this.cache = undefined;
  }

  /**
   * Records of many keys, from the cache where it holds them; the others are read in one getMany
   * and cached only while the cache has room, so a listing never pushes out the hot records.
   */
  async getMany(keys: string[]): Promise<(V | undefined)[]> {
    const cache = this.cache;
    if (!cache) return (await this.read((db) => db.getMany(keys.map((k) => this.prefix + k)))) as (V | undefined)[];
    const found = keys.map((key) => cache.get(key));
    const missing: number[] = [];
    for (let i = 0; i < keys.length; i++) if (found[i] === undefined) missing.push(i);
    if (missing.length === 0) return found;
    const generation = this.generation;
    const read = (await this.read((db) => db.getMany(missing.map((i) => this.prefix + keys[i])))) as (V | undefined)[];
    const fill = generation === this.generation;
    missing.forEach((i, n) => {
      const value = read[n];
      if (value !== undefined && fill && cache.size < this.cacheLimit) cache.set(keys[i], deepFreeze(value));
      found[i] = value;
    });
    return found;
  }

  put(key: string, value: V): BatchOp {
    return { type: 'put', key: this.prefix + key, value, table: this.name, local: key };
  }

  del(key: string): BatchOp {
    return { type: 'del', key: this.prefix + key, table: this.name, local: key };
  }

  /** Entries in key order, within the bounds given, at most `limit`. */
  async range(options: RangeOptions = {}): Promise<[string, V][]> {
    const entries = await this.read((db) => db.iterator(this.bounds(options)).all());
    return entries.map(([k, v]) => [k.slice(this.prefix.length), v as V]);
  }

  async keys(options: RangeOptions = {}): Promise<string[]> {
    const keys = await this.read((db) => db.keys(this.bounds(options)).all());
    return keys.map((k) => k.slice(this.prefix.length));
  }

  /** Every read goes through here: a purge's scrub waits for the reads in flight (see scrub.ts). */
  private read<T>(fn: (db: Root) => Promise<T>): Promise<T> {
    const db = this.db();
    return tracked(db, fn(db));
  }

  /** The bounds within this table's prefix; a bound given as undefined is absent. */
  private bounds(options: RangeOptions): RangeOptions & { limit: number } {
    const bounds: RangeOptions & { limit: number } = { limit: options.limit ?? -1 };
    if (options.gt !== undefined) bounds.gt = this.prefix + options.gt;
    else if (options.gte !== undefined) bounds.gte = this.prefix + options.gte;
    else bounds.gte = this.prefix;
    if (options.lt !== undefined) bounds.lt = this.prefix + options.lt;
    else if (options.lte !== undefined) bounds.lte = this.prefix + options.lte;
    else bounds.lt = this.end;
    if (options.reverse) bounds.reverse = true;
    return bounds;
  }
}

/* eslint-disable @typescript-eslint/no-require-imports -- a store loads the one it uses: `level` (classic-level's native binding) on disk, memory-level in memory */
const levelModule = () => require('level') as typeof import('level');
const memoryLevelModule = () => require('memory-level') as typeof import('memory-level');
/* eslint-enable @typescript-eslint/no-require-imports */

let diskLevelClass: (new (location: string, ready?: Promise<void>) => unknown) | undefined;

/**
 * The LevelDB of a data dir. Given `ready`, it opens once that settles: abstract-level makes the
 * calls made while a database opens wait for it, so a reset puts the new database in place at
 * once and requests that arrive while the old files are removed wait for it instead of failing.
 */
function diskLevel(location: string, ready?: Promise<void>): Root {
  if (!diskLevelClass) {
    const { Level } = levelModule();
    diskLevelClass = class DiskLevel extends Level<string, unknown> {
      constructor(
        location: string,
        private readonly ready: Promise<void> = Promise.resolve(),
      ) {
        // No Snappy compression: with it a value can be stored split into fragments, and a byte scan
        // of the data dir (`grep -r <secret>`, our tests') could no longer show that it is absent.
        super(location, { valueEncoding: 'json', compression: false });
      }

      // abstract-level's hook for implementations, which open() calls.
      async _open(options: object): Promise<void> {
        await this.ready;
        return (Level.prototype as unknown as { _open(options: object): Promise<void> })._open.call(this, options);
      }
    };
  }
  return new diskLevelClass(location, ready) as unknown as Root;
}

export class Store {
  readonly locks = new LockTable();
  /** The tables in use by name; at most MAX_TABLES of them. */
  private readonly tables = new Map<string, Table<unknown>>();
  /** Counts table() calls: each table is stamped with the count when asked for. */
  private uses = 0;
  /** classic-level's `sync` (an fsync before a commit is acknowledged); memory-level ignores it. */
  private readonly writeOptions: AbstractBatchOptions<string, unknown> & { sync?: boolean };
  /** Removes purged values from the files (on disk only: memory-level forgets them itself). */
  private readonly scrubber: Scrubber | undefined;

  private constructor(
    /** Replaced by a reset on disk; tables reach it through `() => this.db`. */
    private db: Root,
    readonly sealer: Sealer,
    readonly mode: 'disk' | 'memory',
    /** Whether the root key was given (STRONGROOM_ROOT_KEY): a reset keeps it, and replaces a key Strongroom made. */
    private readonly keyGiven: boolean,
    private readonly dataDir: DataDir | undefined,
    syncWrites: boolean,
  ) {
    this.writeOptions = syncWrites ? { sync: true } : {};
    this.scrubber = dataDir ? new Scrubber(() => this.db as unknown as Compactable) : undefined;
  }

  static async open(options: StoreOptions): Promise<Store> {
    // A malformed key stops the start before the data dir is touched.
    const given = options.rootKey ? parseRootKey(options.rootKey, ROOT_KEY_VARIABLE) : undefined;
    const syncWrites = options.syncWrites ?? false;
    if (options.inMemory) {
      // Keys and values held as strings: memory-level compares Buffer keys byte by byte in JavaScript,
      // strings natively, and a string needs no UTF-8 copy in or out. The order is the same for every
      // key but those mixing U+E000–U+FFFF with characters beyond U+FFFF (UTF-16 order, not UTF-8's).
      const db = new (memoryLevelModule().MemoryLevel)({ valueEncoding: 'json', storeEncoding: 'utf8' }) as unknown as Root;
      await db.open();
      return new Store(db, new Sealer(given ?? newRootKey()), 'memory', given !== undefined, undefined, syncWrites);
    }
    if (!options.dataDir) throw new Error('a data dir is required unless the store is in memory');
    const dir = DataDir.prepare(options.dataDir);
    const db = diskLevel(dir.path);
    try {
      await db.open();
    } catch (err) {
      throw dir.openFailure(err);
    }
    // The root key only once the database is open, so locked: a second process on the same
    // data dir stops at the lock and never makes or records a key.
    try {
      const hasData = (await db.keys({ limit: 1 }).all()).length > 0;
      const root = dir.rootKey(given, hasData);
      dir.restrictFiles();
      return new Store(db, new Sealer(root.key), 'disk', !root.fromFile, dir, syncWrites);
    } catch (err) {
      await db.close();
      throw err;
    }
  }

  /**
   * The table of one kind in one place; `cacheLimit` (fixed when the table is first asked for)
   * enables its record cache. Tables are made on demand and the least recently used are let go
   * beyond MAX_TABLES, so memory stays bounded however many accounts and regions clients name.
   */
  table<V>(account: string, region: string, service: string, kind: string, cacheLimit = 0): Table<V> {
    const name = `${account}/${region}/${service}/${kind}`;
    let table = this.tables.get(name);
    if (!table) {
      if (this.tables.size >= MAX_TABLES) this.evictLeastUsed();
      table = new Table<V>(() => this.db, name, `!${account}!!${region}!!${service}!!${kind}!`, cacheLimit) as Table<unknown>;
      this.tables.set(name, table);
    }
    // A stamp, not a move to the end of the map: this runs several times a request.
    table.used = ++this.uses;
    return table as Table<V>;
  }

  /** Lets go of the table asked for least recently (a scan, only when a new table is needed beyond the bound). */
  private evictLeastUsed(): void {
    let oldest: Table<unknown> | undefined;
    for (const table of this.tables.values()) if (!oldest || table.used < oldest.used) oldest = table;
    this.tables.delete(oldest!.name);
    oldest!.retire();
  }

  /** Commits every operation atomically, or none; purges are scrubbed from the files after, off the caller's path. */
  async commit(ops: BatchOp[]): Promise<void> {
    if (ops.length === 0) return;
    const scrubber = this.scrubber;
    if (scrubber && !scrubber.idle) await scrubber.before(ops);
    await this.db.batch(ops as AbstractBatchOperation<Root, string, unknown>[], this.writeOptions);
    for (const op of ops) {
      this.tables.get(op.table)?.forget(op.local);
      if (op.type === 'del' && op.purge) this.scrubber?.add(op.table, op.key);
    }
  }

  /**
   * Every account and region whose tables of the given kinds (`<service>/<kind>`, e.g.
   * `kms/keys`) hold entries, with the count of each: one pass over the keys that seeks past
   * every other table instead of reading it. With `count: false` (the places are all that is
   * wanted) it also seeks past a matching table after its first entry, so the pass costs the
   * number of tables, not of entries; the counts are then 1 for each table found.
   */
  async census(kinds: string[], { count = true } = {}): Promise<{ accountId: string; region: string; counts: Record<string, number> }[]> {
    const places = new Map<string, { accountId: string; region: string; counts: Record<string, number> }>();
    const iterator = this.db.keys();
    try {
      for (let key = await iterator.next(); key !== undefined; key = await iterator.next()) {
        // `!<account>!!<region>!!<service>!!<kind>!<local>`
        const parts = /^!([^!]*)!!([^!]*)!!([^!]*)!!([^!]*)!/.exec(key);
        if (!parts) continue;
        const [prefix, accountId, region, service, kind] = parts;
        const name = `${service}/${kind}`;
        if (!kinds.includes(name) || accountId === '_') {
          iterator.seek(`${prefix}\uffff`);
          continue;
        }
        const place = places.get(`${accountId}/${region}`) ?? { accountId, region, counts: Object.fromEntries(kinds.map((k) => [k, 0])) };
        places.set(`${accountId}/${region}`, place);
        place.counts[name]++;
        if (!count) iterator.seek(`${prefix}\uffff`);
      }
    } finally {
      await iterator.close();
    }
    return [...places.values()];
  }

  /** Settles once the values of every purge committed so far are gone from the files. */
  async scrubbed(): Promise<void> {
    await this.scrubber?.settled();
  }

  /**
   * Wipes all state (the admin reset route), beyond recovery: on disk the database is closed,
   * its files removed and a new one opened in their place; a root key Strongroom made is
   * replaced, so even bytes of the old files left on the disk cannot be unsealed.
   */
  async reset(): Promise<void> {
    await this.locks.run('\0reset', async () => {
      if (this.dataDir) return this.replaceDatabase(this.dataDir);
      await this.db.clear();
      this.forgetRecords();
      this.replaceKey();
    });
  }

  /** The new database is in place at once, but opens only after the old files are gone and the key replaced. */
  private async replaceDatabase(dir: DataDir): Promise<void> {
    await this.scrubbed();
    let replaced!: () => void;
    const old = this.db;
    this.db = diskLevel(dir.path, new Promise<void>((resolve) => (replaced = resolve)));
    // From here reads go to the new database: none in flight on the old one fills a cache after this.
    this.forgetRecords();
    try {
      await old.close();
      // LevelDB's DestroyDB removes LevelDB's own files only: root.key and strongroom.json stay.
      await (levelModule().Level as unknown as { destroy(location: string): Promise<void> }).destroy(dir.path);
      this.replaceKey();
    } finally {
      replaced();
    }
    await this.db.open();
    dir.restrictFiles();
  }

  private forgetRecords(): void {
    for (const table of this.tables.values()) table.forget();
  }

  private replaceKey(): void {
    if (this.keyGiven) return;
    const key = newRootKey();
    this.dataDir?.replaceKey(key);
    this.sealer.replaceKey(key);
  }

  async close(): Promise<void> {
    await this.scrubbed();
    await this.db.close();
    this.dataDir?.restrictFiles();
  }
}
