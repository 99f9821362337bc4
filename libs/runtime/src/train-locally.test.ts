import * as tf from '@tensorflow/tfjs-core';
import { buildModel, getFlatWeights, setFlatWeights } from '@edgefl/models';
import { DEFAULT_MODEL_SPEC, type TrainingConfig } from '@edgefl/protocol';
import { evaluateModel } from './evaluate-model';
import { syntheticDataset } from './testing/synthetic-dataset';
import { trainLocally } from './train-locally';
import { useBackend } from './use-backend';

const SGD: TrainingConfig = { epochs: 1, batchSize: 16, learningRate: 0.05, optimizer: 'sgd' };

let previousBackend: string;
beforeAll(async () => {
  previousBackend = tf.getBackend();
  await useBackend('wasm');
});
afterAll(async () => {
  if (previousBackend && previousBackend !== tf.getBackend()) await tf.setBackend(previousBackend);
});

describe('trainLocally on wasm', () => {
  it('lowers the loss of the reference model on generated data', async () => {
    const data = syntheticDataset(96, [28, 28, 1], 10, 3);
    const model = buildModel(DEFAULT_MODEL_SPEC, 11);
    const before = await evaluateModel(model, data);
    const result = await trainLocally(
      model,
      data,
      { epochs: 4, batchSize: 16, learningRate: 0.01, optimizer: 'adam' },
      { seed: 1 },
    );
    const after = await evaluateModel(model, data);
    expect(result).toMatchObject({ numSamples: 96, steps: 24 });
    expect(after.loss).toBeLessThan(before.loss * 0.8);
    expect(after.accuracy).toBeGreaterThan(before.accuracy);
    expect(Number.isFinite(result.loss) && result.accuracy >= 0 && result.accuracy <= 1).toBe(true);
    model.dispose();
  });

  it('keeps the tensor count flat across 20 rounds of setFlatWeights + trainLocally', async () => {
    const data = syntheticDataset(20, [28, 28, 1], 10, 4);
    const model = buildModel(DEFAULT_MODEL_SPEC, 12);
    const global = getFlatWeights(model);
    const counts: number[] = [];
    for (let round = 0; round < 20; round++) {
      setFlatWeights(model, global);
      await trainLocally(model, data, { ...SGD, optimizer: round % 2 ? 'adam' : 'sgd' }, { seed: round });
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts).size).toBe(1);
    model.dispose();
  });

  it('is reproducible for a seed', async () => {
    const data = syntheticDataset(24, [28, 28, 1], 10, 5);
    const runs = await Promise.all([0, 1].map(() => buildModel(DEFAULT_MODEL_SPEC, 13))).then(async (models) => {
      const flats: Float32Array[] = [];
      for (const model of models) {
        await trainLocally(model, data, SGD, { seed: 9 });
        flats.push(getFlatWeights(model));
        model.dispose();
      }
      return flats;
    });
    expect(runs[0]).toEqual(runs[1]);
  });

  it('reports progress per step, handles a last partial batch and stops on abort', async () => {
    const data = syntheticDataset(20, [12, 12, 1], 3, 6);
    const model = buildModel({ kind: 'separable-cnn', inputShape: [12, 12, 1], widths: [4], classes: 3 }, 1);
    const steps: number[] = [];
    const result = await trainLocally(
      model,
      data,
      { ...SGD, epochs: 2, batchSize: 8 },
      { onProgress: (p) => steps.push(p.step) },
    );
    expect(steps).toEqual([1, 2, 3, 4, 5, 6]);
    expect(result.steps).toBe(6);

    const controller = new AbortController();
    const seen: number[] = [];
    const aborted = trainLocally(
      model,
      data,
      { ...SGD, batchSize: 4 },
      {
        onProgress: (p) => {
          seen.push(p.step);
          if (p.step === 2) controller.abort(new Error('round closed'));
        },
        signal: controller.signal,
      },
    );
    await expect(aborted).rejects.toThrow('round closed');
    expect(seen).toEqual([1, 2]);
    model.dispose();
  });

  it('names a bad argument', async () => {
    const data = syntheticDataset(4, [28, 28, 1], 10, 7);
    const model = buildModel();
    await expect(trainLocally(model, data, { ...SGD, batchSize: 0 })).rejects.toThrow(/config\.batchSize/);
    await expect(trainLocally(model, data, { ...SGD, optimizer: 'rmsprop' as 'sgd' })).rejects.toThrow(
      /config\.optimizer/,
    );
    await expect(
      trainLocally(model, { ...data, labels: data.labels.map((l) => l % 3), classes: 3 }, SGD),
    ).rejects.toThrow(/data\.classes/);
    await expect(trainLocally(model, { ...data, shape: [14, 14, 4] }, SGD)).rejects.toThrow(/data\.shape/);
    await expect(trainLocally(model, { ...data, count: 5 }, SGD)).rejects.toThrow(/data\.images/);
    await expect(evaluateModel(model, data, 0)).rejects.toThrow(/batchSize/);
    await expect(trainLocally(model, data, SGD, { seed: Number.NaN })).rejects.toThrow(/options\.seed/);
    await expect(trainLocally(model, data, SGD, { onProgress: 3 as unknown as () => void })).rejects.toThrow(
      /options\.onProgress/,
    );
    model.dispose();
  });
});
