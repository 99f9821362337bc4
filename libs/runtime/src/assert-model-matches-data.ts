import type { LayersModel } from '@tensorflow/tfjs-layers';
import { assertLocalDataset, type LocalDataset } from './local-dataset';

/**
 * Checks `data` and that `model` takes its images and predicts its classes, naming the mismatch.
 */
export function assertModelMatchesData(model: LayersModel, data: LocalDataset): void {
  if (model == null || typeof model.apply !== 'function' || !Array.isArray(model.inputs)) {
    throw new TypeError('model must be a tf.LayersModel');
  }
  assertLocalDataset(data);
  const inputShape = model.inputs[0].shape.slice(1);
  if (inputShape.length !== 3 || inputShape.some((d, i) => d !== data.shape[i])) {
    throw new Error(
      `data.shape ${JSON.stringify(data.shape)} does not match the model input ${JSON.stringify(inputShape)}`,
    );
  }
  const outputShape = model.outputs[0].shape;
  if (outputShape[outputShape.length - 1] !== data.classes) {
    throw new Error(
      `data.classes = ${data.classes} does not match the model's ${outputShape[outputShape.length - 1]} outputs`,
    );
  }
}
