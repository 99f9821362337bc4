import * as tf from '@tensorflow/tfjs-core';
import { buildModel, countParameters, getFlatWeights, kernelSegments } from '@edgefl/models';
import { pruningMaskFromFlags } from '@edgefl/protocol';
import type { ModelSpec, TrainingConfig } from '@edgefl/protocol';
import { describeForBackends } from './testing/describe-for-backends';
import { syntheticDataset } from './testing/synthetic-dataset';
import { trainLocally } from './train-locally';
import { WeightMask } from './weight-mask';

const SPEC: ModelSpec = { kind: 'separable-cnn', inputShape: [8, 8, 1], widths: [4], classes: 3 };

/** Every third coordinate of every kernel kept, every bias kept. */
function everyThirdKernelCoordinate(): boolean[] {
  const kept = new Array<boolean>(countParameters(SPEC)).fill(true);
  for (const { offset, length } of kernelSegments(SPEC))
    for (let i = 0; i < length; i++) kept[offset + i] = i % 3 === 0;
  return kept;
}

describeForBackends(['wasm', 'cpu'], 'trainLocally with a pruning mask', () => {
  const flags = everyThirdKernelCoordinate();
  const mask = pruningMaskFromFlags(flags);
  const data = syntheticDataset(24, [8, 8, 1], 3, 2);

  it.each<[string, TrainingConfig]>([
    ['sgd', { epochs: 2, batchSize: 8, learningRate: 0.1, optimizer: 'sgd' }],
    ['adam', { epochs: 2, batchSize: 8, learningRate: 0.01, optimizer: 'adam' }],
    ['adam + FedProx', { epochs: 2, batchSize: 8, learningRate: 0.01, optimizer: 'adam', proximalMu: 0.1 }],
  ])('%s: pruned weights end at exactly +0 (from non-zero starts), kept ones train', async (_name, config) => {
    const model = buildModel(SPEC, 3);
    const start = getFlatWeights(model);
    expect(start.every((w, i) => flags[i] || w !== 0)).toBe(true);
    await trainLocally(model, data, config, { seed: 4, mask });
    const trained = getFlatWeights(model);
    model.dispose();
    flags.forEach((kept, i) => {
      if (!kept) expect(Object.is(trained[i], 0)).toBe(true);
    });
    const moved = Array.from(mask.keptIndices).filter((i) => trained[i] !== start[i]).length;
    expect(moved).toBeGreaterThan(mask.keptIndices.length / 2);
  });

  it('leaves the tensor count unchanged across runs', async () => {
    const model = buildModel(SPEC, 5);
    const config: TrainingConfig = { epochs: 1, batchSize: 8, learningRate: 0.1, optimizer: 'sgd' };
    await trainLocally(model, data, config, { seed: 1, mask });
    const before = tf.memory().numTensors;
    await trainLocally(model, data, config, { seed: 2, mask });
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it.each<TrainingConfig['optimizer']>(['sgd', 'adam'])(
    '%s: a mask of another model is refused, leaving no tensor behind',
    async (optimizer) => {
      const model = buildModel(SPEC, 6);
      const config: TrainingConfig = { epochs: 1, batchSize: 8, learningRate: 0.1, optimizer };
      const before = tf.memory().numTensors;
      const other = pruningMaskFromFlags([...flags, true]);
      await expect(trainLocally(model, data, config, { mask: other })).rejects.toThrow(
        `the mask covers ${flags.length + 1} parameters, the model has ${flags.length}`,
      );
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
    },
  );
});

describe('WeightMask', () => {
  it('zeroes the gradients of pruned coordinates, passes the rest and unknown names through', () => {
    const a = tf.variable(tf.tensor1d([1, 2, 3]), true, 'mask-test-a');
    const b = tf.variable(tf.tensor1d([4, 5]), true, 'mask-test-b');
    const masker = new WeightMask([a, b], pruningMaskFromFlags([1, 0, 1, 1, 1]));
    const gradients = {
      'mask-test-a': tf.tensor1d([0.5, -0.25, 2]),
      'mask-test-b': tf.tensor1d([7, 8]),
      other: tf.tensor1d([9]),
    };
    const masked = masker.maskGradients(gradients);
    expect(Array.from(masked['mask-test-a'].dataSync())).toEqual([0.5, 0, 2]);
    expect(masked['mask-test-b']).toBe(gradients['mask-test-b']);
    expect(masked.other).toBe(gradients.other);
    tf.dispose([...Object.values(gradients), masked['mask-test-a'], a, b]);
    masker.dispose();
  });

  it('names a mask that does not cover the model', () => {
    const variable = tf.variable(tf.ones([4]));
    expect(() => new WeightMask([variable], pruningMaskFromFlags([1, 0, 1]))).toThrow(
      'the mask covers 3 parameters, the model has 4',
    );
    variable.dispose();
  });
});
