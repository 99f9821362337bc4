import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's gradients are registered by tfjs-layers' bundle (core's own list is ESM-only).
import '@tensorflow/tfjs-layers';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { PruningMask, TrainingConfig } from '@edgefl/protocol';
import { SeededRandom } from '@edgefl/random';
import { assertModelMatchesData } from './assert-model-matches-data';
import { assertTrainingConfig } from './assert-training-config';
import { BatchFeeder } from './batch-feeder';
import { countCorrect } from './count-correct';
import type { LocalDataset } from './local-dataset';
import { meanCrossEntropy } from './mean-cross-entropy';
import { addProximalGradients } from './proximal-term';
import { WeightMask } from './weight-mask';

/** What one local training run produced. `loss` and `accuracy` are sample-weighted means over the last epoch. */
export interface TrainResult {
  numSamples: number;
  loss: number;
  accuracy: number;
  steps: number;
  durationMs: number;
}

/** Progress after each optimizer step. */
export interface TrainProgress {
  epoch: number;
  step: number;
  steps: number;
  loss: number;
}

export interface TrainOptions {
  /** Seeds the per-epoch shuffles (default 0). */
  seed?: number;
  onProgress?: (progress: TrainProgress) => void;
  /** Stops training before the next step; the returned promise rejects with the abort reason. */
  signal?: AbortSignal;
  /**
   * A pruned model's mask: its pruned weights are set to 0 before the first step and after every
   * step, and their gradients to 0 before every step (so they stay out of the optimizer's state).
   */
  mask?: PruningMask;
}

/** Hand the event loop back this often, so sockets (heartbeats) and timers keep running while training. */
const YIELD_EVERY_MS = 50;

/**
 * Trains `model` in place on `data`: `config.epochs` passes (or exactly `config.steps` minibatch
 * steps), each pass over a fresh seeded shuffle, in minibatches of `config.batchSize` (the last
 * one of a pass may be smaller), with a new SGD or Adam optimizer. With `config.proximalMu` > 0
 * each step's gradient gets FedProx's mu * (w - w_start) (Li et al. 2020), w_start being the
 * weights training started from (the round's global model). With `options.mask` the pruned
 * weights are held at exactly 0 (a {@link WeightMask} applied before the first step and after
 * each one). Uses one `optimizer.minimize` per step rather than `model.fit` (measured about
 * 1.5x faster on wasm: no callbacks, no per-batch slicing, no metric tensors), and every step
 * runs in a tidy, so repeated calls (one per round) leave the tensor count unchanged.
 *
 * @example
 * const result = await trainLocally(model, data, { epochs: 1, batchSize: 32, learningRate: 0.01, optimizer: 'sgd' }, { seed: 7 });
 * result.numSamples; // data.count
 */
export async function trainLocally(
  model: LayersModel,
  data: LocalDataset,
  config: TrainingConfig,
  options: TrainOptions = {},
): Promise<TrainResult> {
  assertModelMatchesData(model, data);
  assertTrainingConfig(config);
  if (data.count === 0) throw new Error('data.count must be > 0 to train');
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new TypeError('options.onProgress must be a function');
  }
  if (options.signal !== undefined && typeof options.signal?.aborted !== 'boolean') {
    throw new TypeError('options.signal must be an AbortSignal');
  }
  const seed = options.seed ?? 0;
  if (!Number.isFinite(seed)) throw new Error(`options.seed must be a finite number, got ${seed}`);
  const { signal, onProgress } = options;

  const started = now();
  const rng = new SeededRandom(seed);
  const order = Array.from({ length: data.count }, (_, i) => i);
  const batchSize = Math.min(config.batchSize, data.count);
  const stepsPerEpoch = Math.ceil(data.count / batchSize);
  const totalSteps = config.steps ?? stepsPerEpoch * config.epochs;
  const mu = config.proximalMu ?? 0;
  const feeder = new BatchFeeder(data, batchSize);
  // Before the optimizer: a mask that does not fit the model throws with nothing allocated yet.
  const masker =
    options.mask &&
    new WeightMask(
      model.weights.map((weight) => weight.read() as tf.Variable),
      options.mask,
    );
  const optimizer =
    config.optimizer === 'adam' ? tf.train.adam(config.learningRate) : tf.train.sgd(config.learningRate);
  // LayerVariable.read() is the tf.Variable itself; setWeights assigns into it, so it stays valid.
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  masker?.apply();
  const anchors = mu > 0 ? variables.map((variable) => tf.keep(variable.clone())) : [];

  let step = 0;
  let lossSum = 0;
  let correct = 0;
  let seen = 0;
  let lastYield = now();
  try {
    for (let epoch = 0; step < totalSteps; epoch++) {
      rng.shuffle(order);
      lossSum = 0;
      correct = 0;
      seen = 0;
      for (let start = 0; start < data.count && step < totalSteps; start += batchSize) {
        if (signal?.aborted) throw abortReason(signal);
        const end = Math.min(start + batchSize, data.count);
        const { loss, probabilities, labels } = tf.tidy(() => {
          const batch = feeder.batch(order, start, end);
          let kept: tf.Tensor | undefined;
          const objective = (): tf.Scalar => {
            const output = model.apply(batch.images, { training: true }) as tf.Tensor;
            kept = tf.keep(output);
            return meanCrossEntropy(batch.oneHot, output);
          };
          let cost: tf.Scalar | null;
          if (mu > 0 || masker) {
            const { value, grads } = optimizer.computeGradients(objective, variables);
            const withProximal = mu > 0 ? addProximalGradients(grads, variables, anchors, mu) : grads;
            // Pruned coordinates get a 0 gradient: they stay out of the optimizer's state.
            const masked = masker ? masker.maskGradients(withProximal) : withProximal;
            optimizer.applyGradients(Object.keys(masked).map((name) => ({ name, tensor: masked[name] })));
            cost = value;
          } else {
            cost = optimizer.minimize(objective, true, variables);
          }
          masker?.apply();
          const values = {
            loss: (cost as tf.Scalar).dataSync()[0],
            probabilities: (kept as tf.Tensor).dataSync() as Float32Array,
            labels: batch.labels,
          };
          (kept as tf.Tensor).dispose();
          return values;
        });
        lossSum += loss * (end - start);
        seen += end - start;
        correct += countCorrect(probabilities, labels, data.classes);
        step++;
        onProgress?.({ epoch, step, steps: totalSteps, loss });
        if (now() - lastYield >= YIELD_EVERY_MS) {
          await new Promise((resolve) => setTimeout(resolve, 0));
          lastYield = now();
        }
      }
    }
  } finally {
    optimizer.dispose();
    masker?.dispose();
    for (const anchor of anchors) anchor.dispose();
  }
  const lastPass = Math.max(1, seen);
  return {
    numSamples: data.count,
    loss: lossSum / lastPass,
    accuracy: correct / lastPass,
    steps: step,
    durationMs: now() - started,
  };
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('training aborted');
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
