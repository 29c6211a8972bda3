// LevelDB (through `level`) on disk, or memory-level for --in-memory: the same abstract-level
// API either way. State is namespaced account → region → service → kind as sublevels, so a
// listing is a range scan of one kind in one place. Writes that belong together go out in
// one atomic batch() across sublevels.
import { mkdirSync } from 'node:fs';
import { Level } from 'level';
import { MemoryLevel } from 'memory-level';
import type { AbstractBatchOperation, AbstractLevel, AbstractSublevel } from 'abstract-level';
import { LockTable } from './locks';
import { loadRootKey, Sealer } from './sealing';

// The database's own key/value types are string/JSON; sublevels narrow them per kind.
type Root = AbstractLevel<string | Buffer | Uint8Array, string, unknown>;
export type Sublevel<V> = AbstractSublevel<Root, string | Buffer | Uint8Array, string, V>;
export type BatchOp = AbstractBatchOperation<Root, string, unknown>;

export interface StoreOptions {
  inMemory: boolean;
  dataDir?: string;
  rootKey?: string;
}

export interface RangeOptions {
  gt?: string;
  gte?: string;
  lt?: string;
  lte?: string;
  limit?: number;
  reverse?: boolean;
}

/** Cached records are shared by every reader: freezing makes an accidental in-place change throw. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** abstract-level reads a bound that is present but undefined as the string "undefined": drop those. */
function rangeBounds(options: RangeOptions): RangeOptions & { limit: number } {
  const bounds: RangeOptions & { limit: number } = { limit: options.limit ?? -1 };
  for (const key of ['gt', 'gte', 'lt', 'lte'] as const) if (options[key] !== undefined) bounds[key] = options[key];
  if (options.reverse) bounds.reverse = true;
  return bounds;
}

/** One kind of record in one account and region, e.g. the KMS keys of 000000000000/us-east-1. */
export class Table<V> {
  private readonly cache: Map<string, V> | undefined;
  /** Bumped by every forget(): a read that started before it must not fill the cache. */
  private generation = 0;

  /** `cacheLimit` > 0 keeps up to that many records in memory, frozen, for hot lookups. */
  constructor(
    readonly sublevel: Sublevel<V>,
    private readonly cacheLimit = 0,
  ) {
    this.cache = cacheLimit > 0 ? new Map() : undefined;
  }

  async get(key: string): Promise<V | undefined> {
    const cache = this.cache;
    if (!cache) return this.sublevel.get(key);
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const generation = this.generation;
    const value = await this.sublevel.get(key);
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

  getMany(keys: string[]): Promise<(V | undefined)[]> {
    return this.sublevel.getMany(keys);
  }

  put(key: string, value: V): BatchOp {
    return { type: 'put', sublevel: this.sublevel, key, value } as unknown as BatchOp;
  }

  del(key: string): BatchOp {
    return { type: 'del', sublevel: this.sublevel, key } as unknown as BatchOp;
  }

  /** Entries in key order from `after` (exclusive) or `from` (inclusive), at most `limit`. */
  async range(options: RangeOptions = {}): Promise<[string, V][]> {
    return this.sublevel.iterator(rangeBounds(options)).all();
  }

  async keys(options: RangeOptions = {}): Promise<string[]> {
    return this.sublevel.keys(rangeBounds(options)).all();
  }
}

export class Store {
  readonly locks = new LockTable();
  private readonly tables = new Map<string, Table<unknown>>();
  private readonly cachedTables = new Map<unknown, Table<unknown>>();

  private constructor(
    private readonly db: Root,
    readonly sealer: Sealer,
    readonly mode: 'disk' | 'memory',
  ) {}

  static async open(options: StoreOptions): Promise<Store> {
    let db: Root;
    let sealer: Sealer;
    if (options.inMemory) {
      sealer = new Sealer(loadRootKey(options.rootKey, undefined));
      db = new MemoryLevel({ valueEncoding: 'json' }) as unknown as Root;
    } else {
      if (!options.dataDir) throw new Error('a data dir is required unless the store is in memory');
      mkdirSync(options.dataDir, { recursive: true });
      // The key first: a bad key must not leave the database open and locked.
      sealer = new Sealer(loadRootKey(options.rootKey, options.dataDir));
      db = new Level(options.dataDir, { valueEncoding: 'json' }) as unknown as Root;
    }
    await db.open();
    return new Store(db, sealer, options.inMemory ? 'memory' : 'disk');
  }

  /** The table of one kind in one place; `cacheLimit` (fixed when the table is first asked for) enables its record cache. */
  table<V>(account: string, region: string, service: string, kind: string, cacheLimit = 0): Table<V> {
    const name = `${account}/${region}/${service}/${kind}`;
    let table = this.tables.get(name);
    if (!table) {
      const sublevel = this.db.sublevel<string, V>([account, region, service, kind], { valueEncoding: 'json' });
      table = new Table<V>(sublevel as unknown as Sublevel<V>, cacheLimit) as Table<unknown>;
      this.tables.set(name, table);
      if (cacheLimit > 0) this.cachedTables.set(sublevel, table);
    }
    return table as Table<V>;
  }

  /** Commits every operation atomically, or none. */
  async commit(ops: BatchOp[]): Promise<void> {
    if (ops.length === 0) return;
    await this.db.batch(ops);
    if (this.cachedTables.size === 0) return;
    for (const op of ops as { sublevel?: unknown; key: string }[]) this.cachedTables.get(op.sublevel)?.forget(op.key);
  }

  /** Wipes all state (the admin reset route). */
  async reset(): Promise<void> {
    await this.db.clear();
    for (const table of this.cachedTables.values()) table.forget();
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
