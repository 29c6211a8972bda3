import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../src/store/store';

describe('Table ranges', () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open({ inMemory: true });
    const table = store.table<number>('000000000000', 'us-east-1', 'test', 'things');
    await store.commit(['a', 'b', 'x', 'z'].map((k, i) => table.put(k, i)));
  });
  afterAll(() => store.close());

  it('treats bounds given as undefined as absent, not as the string "undefined"', async () => {
    const table = store.table<number>('000000000000', 'us-east-1', 'test', 'things');
    expect(await table.keys({ gt: undefined })).toEqual(['a', 'b', 'x', 'z']);
    expect((await table.range({ gt: undefined, lt: undefined, limit: 2 })).map(([k]) => k)).toEqual(['a', 'b']);
    expect(await table.keys({ gt: 'b', reverse: undefined })).toEqual(['x', 'z']);
  });
});

describe('key order in memory and on disk', () => {
  // The in-memory store holds keys as strings (UTF-16 order), LevelDB on disk as UTF-8 bytes: the
  // same order for every key but those mixing U+E000–U+FFFF with characters beyond U+FFFF.
  const keys = ['a', 'B', 'a/b', 'a-b', 'a_b', 'a.b', 'z', '0', '~', 'é', 'ß', 'Ω', '中', '日本', '😀', 'a😀', 'a中', 'e\u0301', ' '];

  it('is the same for ASCII, Latin, CJK and emoji keys, with their values intact', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'strongroom-order-'));
    const stores = [await Store.open({ inMemory: true }), await Store.open({ inMemory: false, dataDir })];
    try {
      const orders = [];
      for (const store of stores) {
        const table = store.table<string>('000000000000', 'us-east-1', 'test', 'ordered');
        await store.commit(keys.map((key) => table.put(key, `value of ${key}`)));
        const entries = await table.range();
        expect(entries.every(([key, value]) => value === `value of ${key}`)).toBe(true);
        orders.push(entries.map(([key]) => key));
      }
      expect(orders[0]).toEqual(orders[1]);
      expect(orders[0]).toHaveLength(keys.length);
    } finally {
      for (const store of stores) await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('Table record cache', () => {
  let store: Store;
  beforeEach(async () => {
    store = await Store.open({ inMemory: true });
  });
  afterEach(() => store.close());

  const cached = () => store.table<{ n: number; list: number[] }>('000000000000', 'us-east-1', 'test', 'cached', 10);

  it('serves committed changes, deletions and resets, never a stale record', async () => {
    const table = cached();
    await store.commit([table.put('k', { n: 1, list: [] })]);
    expect(await table.get('k')).toEqual({ n: 1, list: [] });
    await store.commit([table.put('k', { n: 2, list: [] })]);
    expect((await table.get('k'))!.n).toBe(2);
    await store.commit([table.del('k')]);
    expect(await table.get('k')).toBeUndefined();
    await store.commit([table.put('k', { n: 3, list: [] })]);
    expect((await table.get('k'))!.n).toBe(3);
    await store.reset();
    expect(await table.get('k')).toBeUndefined();
  });

  it('does not keep a read that raced a commit', async () => {
    const table = cached();
    await store.commit([table.put('k', { n: 1, list: [] })]);
    const racing = table.get('k');
    await store.commit([table.put('k', { n: 2, list: [] })]);
    await racing;
    expect((await table.get('k'))!.n).toBe(2);
  });

  it('hands out frozen records, so an in-place change cannot corrupt the cache', async () => {
    const table = cached();
    await store.commit([table.put('k', { n: 1, list: [1] })]);
    const record = (await table.get('k'))!;
    expect(() => {
      record.n = 5;
    }).toThrow(TypeError);
    expect(() => record.list.push(2)).toThrow(TypeError);
  });

  it('getMany serves changes and races like get, and fills only free room: a listing never pushes out what get cached', async () => {
    const table = cached();
    await store.commit(Array.from({ length: 20 }, (_, i) => table.put(`k${i}`, { n: i, list: [] })));
    const hot = (await table.get('k0'))!;
    const keys = Array.from({ length: 20 }, (_, i) => `k${i}`);
    expect((await table.getMany(keys)).map((r) => r!.n)).toEqual(keys.map((_, i) => i));
    // Still the same cached (frozen) object: the 19 others filled free room only, up to the limit of 10.
    expect(await table.get('k0')).toBe(hot);
    const racing = table.getMany(['k19', 'k0']);
    await store.commit([table.put('k19', { n: 119, list: [] }), table.put('k0', { n: 100, list: [] })]);
    await racing;
    expect((await table.getMany(['k19', 'k0', 'missing'])).map((r) => r?.n)).toEqual([119, 100, undefined]);
    expect(Object.isFrozen((await table.getMany(['k1']))[0])).toBe(true);
  });

  it('keeps at most its limit of records', async () => {
    const table = cached();
    await store.commit(Array.from({ length: 20 }, (_, i) => table.put(`k${i}`, { n: i, list: [] })));
    for (let i = 0; i < 20; i++) expect((await table.get(`k${i}`))!.n).toBe(i);
  });
});

describe('Table bound', () => {
  it('keeps at most 1,000 tables however many places are named, and a table let go still reads, writes and invalidates', async () => {
    const store = await Store.open({ inMemory: true });
    try {
      const first = store.table<number>('000000000000', 'us-east-1', 'test', 'cached', 10);
      await store.commit([first.put('k', 1)]);
      expect(await first.get('k')).toBe(1);
      for (let i = 0; i < 3000; i++) store.table(String(100000000000 + i), 'us-east-1', 'test', 'things');
      expect((store as unknown as { tables: Map<string, unknown> }).tables.size).toBe(1000);
      // `first` was let go: it no longer caches, so a write through its successor is seen.
      const successor = store.table<number>('000000000000', 'us-east-1', 'test', 'cached', 10);
      expect(successor).not.toBe(first);
      await store.commit([successor.put('k', 2)]);
      expect(await first.get('k')).toBe(2);
      await store.commit([first.put('k', 3)]);
      expect(await successor.get('k')).toBe(3);
      expect(await successor.keys()).toEqual(['k']);
    } finally {
      await store.close();
    }
  });
});

describe('Store census', () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open({ inMemory: true });
    const put = (account: string, region: string, kind: string, keys: string[]) => keys.map((k) => store.table<number>(account, region, 'svc', kind).put(k, 1));
    await store.commit([
      ...put('111111111111', 'us-east-1', 'secrets', ['a', 'b', 'c']),
      ...put('111111111111', 'us-east-1', 'keys', ['k']),
      ...put('111111111111', 'eu-west-1', 'other', ['x']),
      ...put('222222222222', 'eu-west-1', 'keys', ['k1', 'k2']),
      ...put('_', '_', 'secrets', ['global']),
    ]);
  });
  afterAll(() => store.close());

  it('lists the places holding the kinds asked for, with their counts, and skips global tables', async () => {
    expect(await store.census(['svc/secrets', 'svc/keys'])).toEqual([
      { accountId: '111111111111', region: 'us-east-1', counts: { 'svc/secrets': 3, 'svc/keys': 1 } },
      { accountId: '222222222222', region: 'eu-west-1', counts: { 'svc/secrets': 0, 'svc/keys': 2 } },
    ]);
  });

  it('with count: false, finds the same places reading one entry a table', async () => {
    expect(await store.census(['svc/secrets', 'svc/keys'], { count: false })).toEqual([
      { accountId: '111111111111', region: 'us-east-1', counts: { 'svc/secrets': 1, 'svc/keys': 1 } },
      { accountId: '222222222222', region: 'eu-west-1', counts: { 'svc/secrets': 0, 'svc/keys': 1 } },
    ]);
  });
});
