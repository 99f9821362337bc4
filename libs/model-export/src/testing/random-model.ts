import * as tf from '@tensorflow/tfjs-core';
import type { ModelSpec } from '@edgefl/protocol';
import { buildModel, getFlatWeights } from '@edgefl/models';
import { SeededRandom } from '@edgefl/random';

/** Glorot-initialized weights of `spec` with seeded non-zero biases (so bias order is checked). */
export function randomWeights(spec: ModelSpec, seed: number): Float32Array {
  const model = buildModel(spec, seed);
  const flat = getFlatWeights(model);
  model.dispose();
  const random = new SeededRandom(seed);
  // Biases are zero after init: perturb everything a little so every tensor is distinctive.
  for (let i = 0; i < flat.length; i++) flat[i] += (random.nextFloat() - 0.5) * 0.05;
  return flat;
}

/** `count` seeded images in [0, 1] of shape [count, ...imageShape]. */
export function randomImages(count: number, imageShape: readonly number[], seed: number): Float32Array {
  const random = new SeededRandom(seed);
  return Float32Array.from({ length: count * imageShape.reduce((p, d) => p * d, 1) }, () => random.nextFloat());
}

/** Probabilities of the tfjs reference model `buildModel(spec)` with weights `flat`. */
export function referenceOutputs(
  spec: ModelSpec,
  flat: Float32Array,
  images: Float32Array,
  count: number,
): Float32Array {
  const model = buildModel(spec, 0);
  try {
    let offset = 0;
    model.setWeights(
      model.getWeights().map((w) => {
        const size = w.size;
        const t = tf.tensor(flat.slice(offset, offset + size), w.shape);
        offset += size;
        return t;
      }),
    );
    return tf.tidy(
      () =>
        (
          model.predict(tf.tensor4d(images, [count, ...(spec.inputShape as [number, number, number])])) as tf.Tensor
        ).dataSync() as Float32Array,
    );
  } finally {
    model.dispose();
  }
}

/** max |a - b| over two equal-length vectors. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}
