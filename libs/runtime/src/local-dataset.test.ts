import { assertLocalDataset, type LocalDataset } from './local-dataset';
import { assertTrainingConfig } from './assert-training-config';
import { countCorrect } from './count-correct';

const valid: LocalDataset = {
  images: new Float32Array(2 * 4),
  labels: Uint8Array.of(0, 2),
  shape: [2, 2, 1],
  classes: 3,
  count: 2,
};

describe('assertLocalDataset', () => {
  it('accepts a consistent dataset', () => {
    expect(() => assertLocalDataset(valid)).not.toThrow();
  });
  it('names the inconsistent field', () => {
    expect(() => assertLocalDataset({ ...valid, images: new Float32Array(7) })).toThrow(/data\.images/);
    expect(() => assertLocalDataset({ ...valid, labels: Uint8Array.of(0) })).toThrow(/data\.labels has 1/);
    expect(() => assertLocalDataset({ ...valid, labels: Uint8Array.of(0, 3) })).toThrow(/data\.labels\[1\]/);
    expect(() => assertLocalDataset({ ...valid, shape: [2, 2] as unknown as [number, number, number] })).toThrow(
      /data\.shape/,
    );
    expect(() => assertLocalDataset({ ...valid, classes: 1 })).toThrow(/data\.classes/);
  });
});

describe('assertTrainingConfig', () => {
  it('names the bad field', () => {
    const config = { epochs: 1, batchSize: 8, learningRate: 0.1, optimizer: 'sgd' as const };
    expect(() => assertTrainingConfig(config)).not.toThrow();
    expect(() => assertTrainingConfig({ ...config, epochs: 0 })).toThrow(/config\.epochs/);
    expect(() => assertTrainingConfig({ ...config, learningRate: Number.NaN })).toThrow(/config\.learningRate/);
  });
});

describe('countCorrect', () => {
  it('counts rows whose argmax is the label (first max wins ties)', () => {
    const probabilities = Float32Array.of(0.1, 0.7, 0.2, 0.5, 0.5, 0, 0.2, 0.3, 0.5);
    expect(countCorrect(probabilities, Uint8Array.of(1, 0, 2), 3)).toBe(3);
    expect(countCorrect(probabilities, Uint8Array.of(0, 1, 1), 3)).toBe(0);
  });
});
