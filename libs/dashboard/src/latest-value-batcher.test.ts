import { LatestValueBatcher } from './latest-value-batcher';

describe('LatestValueBatcher', () => {
  it('sends only the newest value of each key, once per interval', async () => {
    const sent: Array<[string, number]> = [];
    let flushed: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (flushed = resolve));
    const batcher = new LatestValueBatcher<'a' | 'b', number>(5, (key, value) => {
      sent.push([key, value]);
      if (sent.length === 2) flushed();
    });
    for (let i = 1; i <= 1_000; i++) batcher.set('a', i);
    batcher.set('b', 7);
    await done;
    expect(sent).toEqual([
      ['a', 1_000],
      ['b', 7],
    ]);
    batcher.stop();
  });

  it('names a bad interval', () => {
    expect(() => new LatestValueBatcher(0, () => undefined)).toThrow(/intervalMs/);
  });
});
