import type { Dataset } from './dataset';
import { makeProceduralDataset } from './make-procedural-dataset';
import { resizeDataset } from './resize-dataset';

describe('resizeDataset', () => {
  const data = makeProceduralDataset({ count: 3, seed: 5, shape: [28, 28, 1], classes: 10 });

  it('averages 2 x 2 blocks for 28 -> 14 and keeps labels', () => {
    const small = resizeDataset(data, 14, 14);
    expect(small.shape).toEqual([14, 14, 1]);
    expect(small.labels).toBe(data.labels);
    const at = (d: Dataset, n: number, y: number, x: number) => d.images[(n * d.shape[0] + y) * d.shape[1] + x];
    for (const [n, y, x] of [
      [0, 0, 0],
      [1, 7, 9],
      [2, 13, 13],
    ]) {
      const mean =
        (at(data, n, 2 * y, 2 * x) +
          at(data, n, 2 * y, 2 * x + 1) +
          at(data, n, 2 * y + 1, 2 * x) +
          at(data, n, 2 * y + 1, 2 * x + 1)) /
        4;
      expect(at(small, n, y, x)).toBeCloseTo(mean, 6);
    }
  });

  it('keeps a constant image constant at a non-integer factor (28 -> 20) and the mean of any image', () => {
    const flat: Dataset = {
      images: new Float32Array(2 * 784).fill(0.25),
      labels: new Uint8Array(2),
      shape: [28, 28, 1],
      classes: 10,
      count: 2,
    };
    const resized = resizeDataset(flat, 20, 20);
    expect(resized.images.length).toBe(2 * 400);
    for (const v of resized.images) expect(v).toBeCloseTo(0.25, 6);
    const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(resizeDataset(data, 20, 20).images)).toBeCloseTo(mean(data.images), 5);
  });

  it('names a bad size', () => {
    expect(() => resizeDataset(data, 0, 14)).toThrow(/height/);
    expect(() => resizeDataset(data, 14, 2.5)).toThrow(/width/);
  });
});
