import { idxToDataset } from './idx-to-dataset';

describe('idxToDataset', () => {
  it('scales bytes to [0, 1] and keeps NHWC order', () => {
    const images = { dims: [2, 1, 2], data: new Uint8Array([0, 255, 51, 102]) };
    const labels = { dims: [2], data: new Uint8Array([3, 1]) };
    const dataset = idxToDataset(images, labels);
    expect(dataset.shape).toEqual([1, 2, 1]);
    expect(dataset.count).toBe(2);
    expect(dataset.classes).toBe(4);
    expect(Array.from(dataset.images)).toEqual([0, 1, Math.fround(0.2), Math.fround(0.4)]);
    expect(Array.from(dataset.labels)).toEqual([3, 1]);
  });

  it('accepts a channel dimension and an explicit class count', () => {
    const dataset = idxToDataset(
      { dims: [1, 1, 1, 3], data: new Uint8Array([1, 2, 3]) },
      { dims: [1], data: new Uint8Array([0]) },
      10,
    );
    expect(dataset.shape).toEqual([1, 1, 3]);
    expect(dataset.classes).toBe(10);
  });

  it('names what is wrong with mismatched input', () => {
    const labels = { dims: [2], data: new Uint8Array([0, 1]) };
    expect(() => idxToDataset({ dims: [2, 2], data: new Uint8Array(4) }, labels)).toThrow(/images\.dims/);
    expect(() => idxToDataset({ dims: [3, 1, 1], data: new Uint8Array(3) }, labels)).toThrow(
      /labels\.dims must be \[3\]/,
    );
    expect(() => idxToDataset({ dims: [2, 1, 1], data: new Float32Array(2) }, labels)).toThrow(/images\.data/);
    expect(() => idxToDataset({ dims: [2, 1, 1], data: new Uint8Array(2) }, labels, 1)).toThrow(/labels holds class 1/);
  });
});
