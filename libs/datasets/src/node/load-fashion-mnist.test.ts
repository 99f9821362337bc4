import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFashionMnist } from './load-fashion-mnist';
import { writeFakeFashionMnist } from '../testing/write-fake-fashion-mnist';

describe('loadFashionMnist', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'edgefl-fmnist-'));
    writeFakeFashionMnist(dir, { train: 30, test: 12 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads gzip IDX train and test sets as 28x28x1 datasets in [0, 1]', () => {
    const { train, test } = loadFashionMnist(dir);
    expect([train.count, test.count]).toEqual([30, 12]);
    expect(train.shape).toEqual([28, 28, 1]);
    expect(train.classes).toBe(10);
    expect(train.images).toHaveLength(30 * 784);
    expect(Array.from(train.labels.subarray(0, 12))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    expect(train.images[784 * 2 + 5]).toBeCloseTo((2 * 7 + 5) / 255, 6);
    expect(test.images.every((x) => x >= 0 && x <= 1)).toBe(true);
  });

  it('honours the limits', () => {
    const { train, test } = loadFashionMnist(dir, { trainLimit: 5, testLimit: 100 });
    expect([train.count, test.count]).toEqual([5, 12]);
    expect(train.images).toHaveLength(5 * 784);
    expect(train.labels).toHaveLength(5);
  });

  it('names bad arguments', () => {
    expect(() => loadFashionMnist('')).toThrow(/dir/);
    expect(() => loadFashionMnist(dir, { trainLimit: -1 })).toThrow(/trainLimit/);
    expect(() => loadFashionMnist(join(dir, 'missing'))).toThrow(/ENOENT/);
  });
});
