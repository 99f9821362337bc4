import * as tf from '@tensorflow/tfjs-core';

/** Probabilities are clipped away from 0 and 1, as Keras does, so the log stays finite. */
const EPSILON = 1e-7;

/**
 * Mean categorical cross-entropy of softmax outputs against one-hot labels (the loss Keras'
 * 'categoricalCrossentropy' computes for a softmax model).
 *
 * @example
 * meanCrossEntropy(tf.tensor2d([[0, 1]]), tf.tensor2d([[0.2, 0.8]])); // ~0.223
 */
export function meanCrossEntropy(oneHot: tf.Tensor2D, probabilities: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const logs = tf.log(tf.clipByValue(probabilities, EPSILON, 1 - EPSILON));
    return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, logs), -1)) as tf.Scalar);
  });
}
