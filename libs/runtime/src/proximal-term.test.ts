import * as tf from '@tensorflow/tfjs-core';
import { buildModel, getFlatWeights } from '@edgefl/models';
import type { ModelSpec, TrainingConfig } from '@edgefl/protocol';
import { SeededRandom } from '@edgefl/random';
import { addProximalGradients, proximalPenalty } from './proximal-term';
import { describeForBackends } from './testing/describe-for-backends';
import { syntheticDataset } from './testing/synthetic-dataset';
import { trainLocally } from './train-locally';

/** Small enough for the pure-JS backend to train in a moment. */
const SMALL_MODEL: ModelSpec = { kind: 'separable-cnn', inputShape: [8, 8, 1], widths: [4], classes: 10 };

const randomValues = (rng: SeededRandom, n: number): Float32Array =>
  Float32Array.from({ length: n }, () => rng.nextFloat() * 2 - 1);

describeForBackends(['wasm', 'cpu'], 'FedProx proximal term', () => {
  it('its gradient mu (w - anchor) matches a central finite difference of mu/2 ||w - anchor||^2', () => {
    const rng = new SeededRandom(17);
    const shapes = [[3, 4], [5]];
    const mu = 0.3;
    const variables = shapes.map((shape) =>
      tf.variable(tf.tensor(randomValues(rng, shape[0] * (shape[1] ?? 1)), shape)),
    );
    const anchors = shapes.map((shape) => tf.tensor(randomValues(rng, shape[0] * (shape[1] ?? 1)), shape));
    const directions = shapes.map((shape) => randomValues(rng, shape[0] * (shape[1] ?? 1)));
    const zero = Object.fromEntries(variables.map((v) => [v.name, tf.zerosLike(v)]));
    const gradients = addProximalGradients(zero, variables, anchors, mu);
    // <gradient, direction> against (P(w + h d) - P(w - h d)) / 2h, in float64 from the tensors' values.
    const analytic = variables.reduce(
      (sum, v, i) =>
        sum + (gradients[v.name].dataSync() as Float32Array).reduce((s, g, j) => s + g * directions[i][j], 0),
      0,
    );
    const penaltyAt = (h: number): number => {
      const moved = variables.map((v, i) => tf.add(v, tf.mul(tf.tensor(directions[i], v.shape), h)));
      const value = proximalPenalty(moved, anchors, mu).dataSync()[0];
      tf.dispose(moved);
      return value;
    };
    const h = 1e-2;
    const numeric = (penaltyAt(h) - penaltyAt(-h)) / (2 * h);
    expect(Math.abs(numeric - analytic)).toBeLessThan(1e-3 * Math.max(1, Math.abs(analytic)));
    // And the penalty itself: mu/2 * sum (w - a)^2.
    const direct =
      variables.reduce(
        (sum, v, i) =>
          sum +
          (v.dataSync() as Float32Array).reduce(
            (s, w, j) => s + (w - (anchors[i].dataSync() as Float32Array)[j]) ** 2,
            0,
          ),
        0,
      ) *
      (mu / 2);
    expect(proximalPenalty(variables, anchors, mu).dataSync()[0]).toBeCloseTo(direct, 4);
    tf.dispose([...variables, ...anchors, ...Object.values(zero), ...Object.values(gradients)]);
  });

  it('in training: the second SGD step differs from plain SGD by exactly -lr * mu * (w1 - w0)', async () => {
    // Step 1 starts at the anchor, so the term adds nothing; step 2 adds mu * (w1 - w0) to the gradient.
    const data = syntheticDataset(32, [8, 8, 1], 10, 8);
    const lr = 0.05;
    const mu = 0.5;
    const run = async (config: TrainingConfig): Promise<Float32Array> => {
      const model = buildModel(SMALL_MODEL, 21);
      await trainLocally(model, data, config, { seed: 4 });
      const flat = getFlatWeights(model);
      model.dispose();
      return flat;
    };
    const base: TrainingConfig = { epochs: 1, batchSize: 8, learningRate: lr, optimizer: 'sgd' };
    const initial = buildModel(SMALL_MODEL, 21);
    const w0 = getFlatWeights(initial);
    initial.dispose();
    const w1 = await run({ ...base, steps: 1 });
    const w2 = await run({ ...base, steps: 2 });
    const w2Prox = await run({ ...base, steps: 2, proximalMu: mu });
    expect(await run({ ...base, steps: 1, proximalMu: mu })).toEqual(w1);
    let worst = 0;
    let moved = 0;
    for (let i = 0; i < w0.length; i++) {
      const expected = -lr * mu * (w1[i] - w0[i]);
      worst = Math.max(worst, Math.abs(w2Prox[i] - w2[i] - expected));
      moved = Math.max(moved, Math.abs(expected));
    }
    expect(moved).toBeGreaterThan(1e-5);
    expect(worst).toBeLessThan(1e-6 + 1e-3 * moved);
  });

  it('steps counts minibatch steps across passes', async () => {
    const data = syntheticDataset(20, [8, 8, 1], 10, 9);
    const model = buildModel(SMALL_MODEL, 22);
    const result = await trainLocally(
      model,
      data,
      { epochs: 1, batchSize: 8, learningRate: 0.01, optimizer: 'sgd', steps: 7 },
      { seed: 1 },
    );
    // 3 steps per pass over 20 samples: 7 steps are two passes and one batch of the third.
    expect(result.steps).toBe(7);
    model.dispose();
  });
});
