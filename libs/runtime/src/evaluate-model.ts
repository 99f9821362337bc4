import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { assertModelMatchesData } from './assert-model-matches-data';
import { BatchFeeder } from './batch-feeder';
import { countCorrect } from './count-correct';
import type { LocalDataset } from './local-dataset';
import { meanCrossEntropy } from './mean-cross-entropy';

/**
 * Mean cross-entropy loss and accuracy of `model` on `data`, in inference mode, in batches of
 * `batchSize` (default 256). Leaves no tensors behind.
 *
 * @example
 * const { loss, accuracy } = await evaluateModel(model, testData);
 */
export async function evaluateModel(
  model: LayersModel,
  data: LocalDataset,
  batchSize = 256,
): Promise<{ loss: number; accuracy: number }> {
  assertModelMatchesData(model, data);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`batchSize must be an integer >= 1, got ${batchSize}`);
  if (data.count === 0) throw new Error('data.count must be > 0 to evaluate');
  const size = Math.min(batchSize, data.count);
  const feeder = new BatchFeeder(data, size);
  const order = Array.from({ length: data.count }, (_, i) => i);
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < data.count; start += size) {
    const end = Math.min(start + size, data.count);
    const { loss, probabilities, labels } = tf.tidy(() => {
      const batch = feeder.batch(order, start, end);
      const output = model.predict(batch.images) as tf.Tensor;
      return {
        loss: meanCrossEntropy(batch.oneHot, output).dataSync()[0],
        probabilities: output.dataSync() as Float32Array,
        labels: batch.labels,
      };
    });
    lossSum += loss * (end - start);
    correct += countCorrect(probabilities, labels, data.classes);
    await Promise.resolve();
  }
  return { loss: lossSum / data.count, accuracy: correct / data.count };
}
