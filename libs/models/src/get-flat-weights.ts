import type { LayersModel } from '@tensorflow/tfjs-layers';

/**
 * Concatenates every weight of `model`, in `model.getWeights()` order, into one vector: the
 * form in which updates travel, are quantized and are aggregated.
 *
 * @example
 * const flat = getFlatWeights(buildModel()); // Float32Array(16419)
 */
export function getFlatWeights(model: LayersModel): Float32Array {
  if (model == null || typeof model.getWeights !== 'function') throw new TypeError('model must be a tf.LayersModel');
  const weights = model.getWeights();
  const total = weights.reduce((sum, weight) => sum + weight.size, 0);
  const flat = new Float32Array(total);
  let offset = 0;
  for (const weight of weights) {
    // getWeights() returns the live variable values: read them, never dispose them.
    flat.set(weight.dataSync() as Float32Array, offset);
    offset += weight.size;
  }
  return flat;
}
