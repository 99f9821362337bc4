import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_MODEL_SPEC } from '@edgefl/protocol';
import { buildModel } from './build-model';
import { countParameters } from './count-parameters';
import { getFlatWeights } from './get-flat-weights';
import { setFlatWeights } from './set-flat-weights';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('getFlatWeights / setFlatWeights', () => {
  it('round-trips a vector through a model', () => {
    const model = buildModel(DEFAULT_MODEL_SPEC, 5);
    const flat = Float32Array.from({ length: countParameters(DEFAULT_MODEL_SPEC) }, (_, i) => Math.sin(i));
    setFlatWeights(model, flat);
    expect(getFlatWeights(model)).toEqual(flat);
    model.dispose();
  });

  it('does not alias the caller buffer', () => {
    const model = buildModel();
    const flat = getFlatWeights(model);
    const original = flat[0];
    setFlatWeights(model, flat);
    flat[0] += 1;
    expect(getFlatWeights(model)[0]).toBe(original);
    model.dispose();
  });

  it('keeps the tensor count flat across repeated loads', () => {
    const model = buildModel();
    const flat = getFlatWeights(model);
    setFlatWeights(model, flat);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) setFlatWeights(model, flat);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('names a bad argument', () => {
    const model = buildModel();
    expect(() => setFlatWeights(model, new Float32Array(3))).toThrow(/flat has 3 values/);
    expect(() => setFlatWeights(model, [1, 2] as unknown as Float32Array)).toThrow(/flat must be/);
    expect(() => getFlatWeights(null as unknown as Parameters<typeof getFlatWeights>[0])).toThrow(/model/);
    model.dispose();
  });
});
