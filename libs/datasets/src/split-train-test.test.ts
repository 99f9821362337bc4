import { makeProceduralDataset } from './make-procedural-dataset';
import { splitTrainTest } from './split-train-test';

describe('splitTrainTest', () => {
  const dataset = makeProceduralDataset({ count: 101, seed: 2, shape: [4, 4, 1] });

  it('splits every example into exactly one part, deterministically', () => {
    const { train, test } = splitTrainTest(dataset, 0.2, 5);
    expect(test.count).toBe(20);
    expect(train.count).toBe(81);
    const size = 16;
    const key = (images: Float32Array, n: number): string => images.subarray(n * size, (n + 1) * size).join(',');
    const original = Array.from({ length: dataset.count }, (_, n) => key(dataset.images, n)).sort();
    const parts = [
      ...Array.from({ length: train.count }, (_, n) => key(train.images, n)),
      ...Array.from({ length: test.count }, (_, n) => key(test.images, n)),
    ].sort();
    expect(parts).toEqual(original);
    expect(splitTrainTest(dataset, 0.2, 5)).toEqual({ train, test });
    expect(splitTrainTest(dataset, 0.2, 6).test.labels).not.toEqual(test.labels);
  });

  it('names a bad fraction or seed', () => {
    expect(() => splitTrainTest(dataset, 0, 1)).toThrow(/testFraction/);
    expect(() => splitTrainTest(dataset, 1, 1)).toThrow(/testFraction/);
    expect(() => splitTrainTest(dataset, 0.5, Number.POSITIVE_INFINITY)).toThrow(/seed/);
  });
});
