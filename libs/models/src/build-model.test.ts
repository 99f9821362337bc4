import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_MODEL_SPEC, type ModelSpec } from '@edgefl/protocol';
import { buildModel } from './build-model';
import { getFlatWeights } from './get-flat-weights';
import { weightShapes } from './weight-shapes';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('buildModel', () => {
  it('builds the reference model with 16,419 parameters', () => {
    const model = buildModel();
    expect(model.countParams()).toBe(16_419);
    expect(model.outputs[0].shape).toEqual([null, 10]);
    model.dispose();
  });

  it('lays out weights as weightShapes says', () => {
    const model = buildModel(DEFAULT_MODEL_SPEC, 1);
    expect(model.getWeights().map((w) => w.shape)).toEqual(weightShapes(DEFAULT_MODEL_SPEC));
    model.dispose();
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const [a, b, c] = [
      buildModel(DEFAULT_MODEL_SPEC, 7),
      buildModel(DEFAULT_MODEL_SPEC, 7),
      buildModel(DEFAULT_MODEL_SPEC, 8),
    ];
    expect(getFlatWeights(a)).toEqual(getFlatWeights(b));
    expect(getFlatWeights(a)).not.toEqual(getFlatWeights(c));
    [a, b, c].forEach((m) => m.dispose());
  });

  it('honours a configurable input shape, widths and classes', () => {
    const spec: ModelSpec = { kind: 'separable-cnn', inputShape: [12, 10, 3], widths: [4, 6, 5], classes: 3 };
    const model = buildModel(spec, 3);
    expect(model.getWeights().map((w) => w.shape)).toEqual(weightShapes(spec));
    const output = tf.tidy(() => (model.predict(tf.ones([2, 12, 10, 3])) as tf.Tensor).arraySync() as number[][]);
    expect(output).toHaveLength(2);
    for (const row of output) expect(row.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
    model.dispose();
  });

  it('names a bad argument', () => {
    expect(() => buildModel({ ...DEFAULT_MODEL_SPEC, widths: [] })).toThrow(/spec\.widths/);
    expect(() => buildModel({ ...DEFAULT_MODEL_SPEC, inputShape: [3, 3, 1] })).toThrow(/spec\.inputShape/);
    expect(() => buildModel(DEFAULT_MODEL_SPEC, Number.NaN)).toThrow(/seed/);
  });
});
