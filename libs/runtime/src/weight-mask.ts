import * as tf from '@tensorflow/tfjs-core';
import type { PruningMask } from '@edgefl/protocol';

/**
 * Holds a model's pruned weights at exactly 0 during local training: built over the model's
 * variables in `model.getWeights()` order (the flat vector the mask covers), {@link apply} sets
 * every pruned coordinate to +0 (a `where`, so no -0 and no NaN from `0 * w`), and
 * {@link maskGradients} zeroes their gradients before the optimizer sees them, so the pruned
 * coordinates stay out of its state (Adam's moments stay 0 there and its step is exactly 0).
 * `apply` runs once before the first step and after each optimizer step, so the local model, and
 * hence the delta, is 0 at every pruned coordinate on any backend. Variables without a pruned
 * coordinate are left alone.
 *
 * @example
 * const masker = new WeightMask(model.weights.map((w) => w.read() as tf.Variable), task.mask);
 * const { grads } = optimizer.computeGradients(loss, variables);
 * optimizer.applyGradients(masker.maskGradients(grads));
 * masker.apply();
 * masker.dispose();
 */
export class WeightMask {
  private readonly entries: Array<{ variable: tf.Variable; keep: tf.Tensor; zeros: tf.Tensor }> = [];

  constructor(variables: readonly tf.Variable[], mask: PruningMask) {
    const total = variables.reduce((sum, variable) => sum + variable.size, 0);
    if (total !== mask.parameterCount) {
      throw new RangeError(`the mask covers ${mask.parameterCount} parameters, the model has ${total}`);
    }
    const flags = new Uint8Array(mask.parameterCount);
    for (const index of mask.keptIndices) flags[index] = 1;
    let offset = 0;
    for (const variable of variables) {
      const slice = flags.subarray(offset, offset + variable.size);
      offset += variable.size;
      if (slice.every((flag) => flag === 1)) continue;
      this.entries.push({
        variable,
        keep: tf.tensor(slice, variable.shape, 'bool'),
        zeros: tf.zeros(variable.shape, variable.dtype),
      });
    }
  }

  /**
   * The gradients (keyed by variable name, as `optimizer.computeGradients` returns them) with
   * every pruned coordinate set to 0; entries of variables without a pruned coordinate, and of
   * names it does not know, are passed through. Call inside `tf.tidy`.
   */
  maskGradients(gradients: tf.NamedTensorMap): tf.NamedTensorMap {
    const out: tf.NamedTensorMap = { ...gradients };
    for (const { variable, keep, zeros } of this.entries) {
      const gradient = gradients[variable.name];
      if (gradient) out[variable.name] = tf.where(keep, gradient, zeros);
    }
    return out;
  }

  /** Sets every pruned coordinate of the variables to 0. */
  apply(): void {
    tf.tidy(() => {
      for (const { variable, keep, zeros } of this.entries) variable.assign(tf.where(keep, variable, zeros));
    });
  }

  dispose(): void {
    for (const { keep, zeros } of this.entries) {
      keep.dispose();
      zeros.dispose();
    }
    this.entries.length = 0;
  }
}
