import * as tf from '@tensorflow/tfjs-core';
import type { LocalDataset } from './local-dataset';

/** One minibatch on the active backend, plus its labels on the host for scoring. */
export interface Batch {
  images: tf.Tensor4D;
  oneHot: tf.Tensor2D;
  labels: Uint8Array;
  size: number;
}

/**
 * Copies minibatches out of a `LocalDataset` into tensors, reusing one host buffer so that a
 * training step allocates nothing on the JS heap besides the tensors themselves.
 */
export class BatchFeeder {
  private readonly imageSize: number;
  private readonly imageBuffer: Float32Array;
  private readonly labelBuffer: Int32Array;
  private readonly hostLabels: Uint8Array;

  constructor(
    private readonly data: LocalDataset,
    maxBatchSize: number,
  ) {
    this.imageSize = data.shape[0] * data.shape[1] * data.shape[2];
    this.imageBuffer = new Float32Array(maxBatchSize * this.imageSize);
    this.labelBuffer = new Int32Array(maxBatchSize);
    this.hostLabels = new Uint8Array(maxBatchSize);
  }

  /** The examples `order[start..end)`, as tensors (the caller disposes them, e.g. in a tidy). */
  batch(order: ArrayLike<number>, start: number, end: number): Batch {
    const size = end - start;
    for (let k = 0; k < size; k++) {
      const example = order[start + k];
      this.imageBuffer.set(
        this.data.images.subarray(example * this.imageSize, (example + 1) * this.imageSize),
        k * this.imageSize,
      );
      this.labelBuffer[k] = this.data.labels[example];
      this.hostLabels[k] = this.data.labels[example];
    }
    const [height, width, channels] = this.data.shape;
    const images = tf.tensor4d(this.imageBuffer.subarray(0, size * this.imageSize), [size, height, width, channels]);
    const oneHot = tf.tidy(() =>
      tf.cast(tf.oneHot(tf.tensor1d(this.labelBuffer.subarray(0, size), 'int32'), this.data.classes), 'float32'),
    ) as tf.Tensor2D;
    return { images, oneHot, labels: this.hostLabels.subarray(0, size), size };
  }
}
