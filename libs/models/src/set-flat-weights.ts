import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';

/**
 * Loads a flat vector (as produced by `getFlatWeights`) into `model`. The length must match the
 * model's parameter count exactly. The variables take over the new values and release the old
 * ones, so repeated calls (one per round) do not grow memory.
 *
 * @example
 * setFlatWeights(model, globalWeights);
 */
export function setFlatWeights(model: LayersModel, flat: Float32Array): void {
  if (model == null || typeof model.getWeights !== 'function') throw new TypeError('model must be a tf.LayersModel');
  if (!(flat instanceof Float32Array)) throw new TypeError('flat must be a Float32Array');
  const shapes = model.getWeights().map((weight) => weight.shape);
  const expected = shapes.reduce((sum, shape) => sum + shape.reduce((size, dim) => size * dim, 1), 0);
  if (flat.length !== expected) {
    throw new Error(`flat has ${flat.length} values but the model has ${expected} parameters`);
  }
  const tensors: tf.Tensor[] = [];
  let offset = 0;
  for (const shape of shapes) {
    const size = shape.reduce((product, dim) => product * dim, 1);
    // slice() copies: the tensor must not alias the caller's buffer.
    tensors.push(tf.tensor(flat.slice(offset, offset + size), shape, 'float32'));
    offset += size;
  }
  try {
    model.setWeights(tensors);
  } finally {
    // assign() shares the data with the variable (ref-counted), so dropping ours is safe.
    tf.dispose(tensors);
  }
}
