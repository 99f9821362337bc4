import { makeProceduralDataset } from './make-procedural-dataset';
import { subsetDataset } from './subset-dataset';

describe('subsetDataset', () => {
  const dataset = makeProceduralDataset({ count: 20, seed: 3, shape: [4, 3, 2], classes: 5 });
  const size = 4 * 3 * 2;

  it('copies the chosen examples in order', () => {
    const subset = subsetDataset(dataset, [7, 2, 7]);
    expect(subset.count).toBe(3);
    expect(subset.shape).toEqual([4, 3, 2]);
    expect(subset.classes).toBe(5);
    expect(Array.from(subset.labels)).toEqual([dataset.labels[7], dataset.labels[2], dataset.labels[7]]);
    expect(subset.images.subarray(size, 2 * size)).toEqual(dataset.images.subarray(2 * size, 3 * size));
    expect(subset.images.subarray(2 * size)).toEqual(dataset.images.subarray(7 * size, 8 * size));
    subset.images[0] = -1;
    expect(dataset.images[7 * size]).not.toBe(-1);
  });

  it('names a bad index', () => {
    expect(() => subsetDataset(dataset, [0, 20])).toThrow(/indices\[1\] must be an integer in \[0, 20\)/);
    expect(() => subsetDataset(dataset, [1.5])).toThrow(/indices\[0\]/);
  });
});
