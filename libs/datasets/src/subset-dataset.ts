import type { Dataset } from './dataset';

/**
 * Copies the examples at `indices` (in that order, repeats allowed) into a new Dataset, e.g. one
 * client's partition.
 *
 * @example
 * const clientData = subsetDataset(train, partitionDataset(train.labels, 10, 'iid', 1)[clientIndex]);
 */
export function subsetDataset(dataset: Dataset, indices: ArrayLike<number>): Dataset {
  if (!(dataset?.images instanceof Float32Array) || !(dataset.labels instanceof Uint8Array)) {
    throw new Error('dataset must be a Dataset with Float32Array images and Uint8Array labels');
  }
  if (indices === null || typeof indices !== 'object' || typeof indices.length !== 'number') {
    throw new Error('indices must be an array-like of example indices');
  }
  const [height, width, channels] = dataset.shape;
  const size = height * width * channels;
  const images = new Float32Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i];
    if (!Number.isInteger(index) || index < 0 || index >= dataset.count) {
      throw new Error(`indices[${i}] must be an integer in [0, ${dataset.count}), got ${index}`);
    }
    images.set(dataset.images.subarray(index * size, (index + 1) * size), i * size);
    labels[i] = dataset.labels[index];
  }
  return { images, labels, shape: [height, width, channels], classes: dataset.classes, count: indices.length };
}
