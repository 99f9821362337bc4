import * as tf from '@tensorflow/tfjs-core';
import type { ModelSpec } from '@edgefl/protocol';
import { buildModel, getFlatWeights } from '@edgefl/models';

/**
 * The initial global weights of a run that was given none: the model built from its spec with
 * the run's seed (deterministic for a seed), flattened.
 *
 * @example
 * const weights = await defaultInitialWeights(config.model, config.seed);
 */
export async function defaultInitialWeights(spec: ModelSpec, seed: number): Promise<Float32Array> {
  await tf.ready();
  const model = buildModel(spec, seed);
  const weights = getFlatWeights(model);
  model.dispose();
  return weights;
}
