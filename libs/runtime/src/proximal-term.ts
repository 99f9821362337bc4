import * as tf from '@tensorflow/tfjs-core';

/**
 * FedProx's proximal term (Li et al. 2020, "Federated Optimization in Heterogeneous Networks",
 * eq. 2): mu/2 * sum_i ||w_i - anchor_i||^2 over the trainable variables, where the anchors are
 * the global weights the round started from. Plain elementwise ops, so it runs on every backend.
 *
 * @example
 * const penalty = proximalPenalty(variables, anchors, 0.01); // a scalar tensor
 */
export function proximalPenalty(variables: readonly tf.Tensor[], anchors: readonly tf.Tensor[], mu: number): tf.Scalar {
  assertPairs(variables, anchors, mu);
  return tf.tidy(() => {
    let sum: tf.Scalar = tf.scalar(0);
    variables.forEach((variable, i) => {
      sum = tf.add(sum, tf.sum(tf.square(tf.sub(variable, anchors[i])))) as tf.Scalar;
    });
    return tf.mul(sum, mu / 2) as tf.Scalar;
  });
}

/**
 * Adds the proximal term's gradient, mu * (w - anchor), to each variable's loss gradient:
 * the gradient of loss(w) + mu/2 ||w - anchor||^2. `gradients` is keyed by variable name (as
 * `optimizer.computeGradients` returns it); returns a new map, the inputs untouched.
 *
 * @example
 * const { grads } = optimizer.computeGradients(loss, variables);
 * optimizer.applyGradients(addProximalGradients(grads, variables, anchors, mu));
 */
export function addProximalGradients(
  gradients: tf.NamedTensorMap,
  variables: readonly tf.Variable[],
  anchors: readonly tf.Tensor[],
  mu: number,
): tf.NamedTensorMap {
  assertPairs(variables, anchors, mu);
  const out: tf.NamedTensorMap = { ...gradients };
  variables.forEach((variable, i) => {
    const gradient = gradients[variable.name];
    if (!gradient) throw new Error(`gradients has no entry for variable ${variable.name}`);
    out[variable.name] = tf.add(gradient, tf.mul(tf.sub(variable, anchors[i]), mu));
  });
  return out;
}

function assertPairs(variables: readonly tf.Tensor[], anchors: readonly tf.Tensor[], mu: number): void {
  if (!(typeof mu === 'number' && Number.isFinite(mu) && mu >= 0))
    throw new RangeError(`mu must be a finite number >= 0, got ${mu}`);
  if (variables.length !== anchors.length)
    throw new RangeError(`anchors has ${anchors.length} tensors, expected ${variables.length} (one per variable)`);
  variables.forEach((variable, i) => {
    if (variable.size !== anchors[i].size)
      throw new RangeError(`anchors[${i}] has ${anchors[i].size} values, expected ${variable.size}`);
  });
}
