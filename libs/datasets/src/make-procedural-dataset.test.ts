import { makeProceduralDataset } from './make-procedural-dataset';
import type { Dataset } from './dataset';
import { splitTrainTest } from './split-train-test';

/** Accuracy of a nearest-class-mean classifier: cheap evidence the classes are separable. */
function nearestClassMeanAccuracy(train: Dataset, test: Dataset): number {
  const size = train.shape[0] * train.shape[1] * train.shape[2];
  const means = Array.from({ length: train.classes }, () => new Float64Array(size));
  const counts = new Array<number>(train.classes).fill(0);
  for (let n = 0; n < train.count; n++) {
    const mean = means[train.labels[n]];
    counts[train.labels[n]]++;
    for (let i = 0; i < size; i++) mean[i] += train.images[n * size + i];
  }
  means.forEach((mean, c) => mean.forEach((_, i) => (mean[i] /= counts[c])));
  let correct = 0;
  for (let n = 0; n < test.count; n++) {
    let best = -1;
    let bestDistance = Number.POSITIVE_INFINITY;
    means.forEach((mean, c) => {
      let distance = 0;
      for (let i = 0; i < size; i++) distance += (test.images[n * size + i] - mean[i]) ** 2;
      if (distance < bestDistance) [best, bestDistance] = [c, distance];
    });
    if (best === test.labels[n]) correct++;
  }
  return correct / test.count;
}

describe('makeProceduralDataset', () => {
  it('defaults to 28x28x1 and 10 balanced classes with values in [0, 1]', () => {
    const dataset = makeProceduralDataset({ count: 1005, seed: 1 });
    expect(dataset.shape).toEqual([28, 28, 1]);
    expect(dataset.classes).toBe(10);
    expect(dataset.count).toBe(1005);
    expect(dataset.images).toHaveLength(1005 * 784);
    const counts = new Array<number>(10).fill(0);
    for (const label of dataset.labels) counts[label]++;
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(dataset.images.every((x) => x >= 0 && x <= 1)).toBe(true);
    const mean = dataset.images.reduce((a, b) => a + b, 0) / dataset.images.length;
    expect(mean).toBeGreaterThan(0.1);
    expect(mean).toBeLessThan(0.6);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = makeProceduralDataset({ count: 50, seed: 42, shape: [8, 8, 3], classes: 4 });
    const b = makeProceduralDataset({ count: 50, seed: 42, shape: [8, 8, 3], classes: 4 });
    const c = makeProceduralDataset({ count: 50, seed: 43, shape: [8, 8, 3], classes: 4 });
    expect(a).toEqual(b);
    expect(a.images).not.toEqual(c.images);
    expect(a.shape).toEqual([8, 8, 3]);
  });

  it('is learnable but not trivial: nearest class mean well above chance, below perfect', () => {
    const { train, test } = splitTrainTest(makeProceduralDataset({ count: 4000, seed: 7 }), 0.25, 7);
    const accuracy = nearestClassMeanAccuracy(train, test);
    expect(accuracy).toBeGreaterThan(0.6); // chance is 0.1; 0.65 for this seed, 0.65-0.73 across seeds
    expect(accuracy).toBeLessThan(0.95);
  });

  it('gets easier without noise', () => {
    const noisy = splitTrainTest(makeProceduralDataset({ count: 2000, seed: 8, noise: 0.6 }), 0.25, 8);
    const clean = splitTrainTest(makeProceduralDataset({ count: 2000, seed: 8, noise: 0 }), 0.25, 8);
    expect(nearestClassMeanAccuracy(clean.train, clean.test)).toBeGreaterThan(
      nearestClassMeanAccuracy(noisy.train, noisy.test),
    );
  });

  it('names bad options', () => {
    expect(() => makeProceduralDataset({ count: -1, seed: 1 })).toThrow(/count/);
    expect(() => makeProceduralDataset({ count: 1, seed: Number.NaN })).toThrow(/seed/);
    expect(() => makeProceduralDataset({ count: 1, seed: 1, shape: [28, 28, 0] })).toThrow(/shape/);
    expect(() => makeProceduralDataset({ count: 1, seed: 1, classes: 300 })).toThrow(/classes/);
    expect(() => makeProceduralDataset({ count: 1, seed: 1, noise: -0.1 })).toThrow(/noise/);
  });

  it('keeps the classes across seeds, so sets generated apart agree (a held-out set and client shards)', () => {
    const shard = makeProceduralDataset({ count: 2_000, seed: 11 });
    const heldOut = makeProceduralDataset({ count: 1_000, seed: 12 });
    const otherClasses = makeProceduralDataset({ count: 1_000, seed: 12, prototypeSeed: 99 });
    expect(nearestClassMeanAccuracy(shard, heldOut)).toBeGreaterThan(0.5);
    expect(nearestClassMeanAccuracy(shard, otherClasses)).toBeLessThan(0.3);
  });
});
