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
