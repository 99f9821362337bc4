import * as tf from '@tensorflow/tfjs-core';
import type { ModelSpec } from '@edgefl/protocol';
import { namedWeights } from './named-weight';

/** Observed [min, max] of one activation tensor. */
export interface ActivationRange {
  min: number;
  max: number;
}

/** Ranges of every activation of the separable CNN, as the full-integer exporter needs them. */
export interface ActivationRanges {
  input: ActivationRange;
  /** Per block: depthwise output, and the 1x1 conv output after ReLU (= the pool's range). */
  blocks: Array<{ depthwise: ActivationRange; relu: ActivationRange }>;
  logits: ActivationRange;
}

/**
 * Runs the float network `(spec, flat)` on representative `images` ([count, H, W, C]) with tfjs
 * ops, layer by layer, and records the min and max of every activation the TFLite full-integer
 * model quantizes (post-training calibration). Leaves no tensors behind.
 *
 * @example
 * const ranges = calibrateActivations(spec, flat, test.images.subarray(0, 256 * 784), 256);
 */
export function calibrateActivations(
  spec: ModelSpec,
  flat: Float32Array,
  images: Float32Array,
  count: number,
): ActivationRanges {
  const [height, width, channels] = spec.inputShape;
  if (!Number.isInteger(count) || count < 1) throw new Error(`count must be an integer >= 1, got ${count}`);
  if (images.length !== count * height * width * channels)
    throw new Error(`images has ${images.length} values, expected ${count} images of ${spec.inputShape.join('x')}`);
  const weights = namedWeights(spec, flat);
  // tidy() only returns tensors: scope by hand to return plain numbers.
  tf.engine().startScope();
  try {
    const range = (t: tf.Tensor): ActivationRange => ({ min: tf.min(t).dataSync()[0], max: tf.max(t).dataSync()[0] });
    let x: tf.Tensor4D = tf.tensor4d(images, [count, height, width, channels]);
    const input = range(x);
    const blocks: ActivationRanges['blocks'] = [];
    spec.widths.forEach((_, block) => {
      const [depthwise, pointwise, bias] = weights.slice(block * 3, block * 3 + 3);
      const dw = tf.depthwiseConv2d(
        x,
        tf.tensor4d(depthwise.values, depthwise.shape as [number, number, number, number]),
        1,
        'same',
      );
      const relu = tf.relu(
        tf.add(
          tf.conv2d(dw, tf.tensor4d(pointwise.values, pointwise.shape as [number, number, number, number]), 1, 'valid'),
          tf.tensor1d(bias.values),
        ),
      );
      blocks.push({ depthwise: range(dw), relu: range(relu) });
      x = tf.maxPool(relu as tf.Tensor4D, 2, 2, 'valid');
    });
    const [kernel, bias] = weights.slice(-2);
    const logits = tf.add(
      tf.matMul(tf.reshape(x, [count, -1]), tf.tensor2d(kernel.values, kernel.shape as [number, number])),
      tf.tensor1d(bias.values),
    );
    return { input, blocks, logits: range(logits) };
  } finally {
    tf.engine().endScope();
  }
}
