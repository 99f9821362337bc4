/**
 * One client's contribution to a round: its model delta (w_k - w) and its weight, the number of
 * training examples n_k it used. FedAvg weights each delta by n_k / sum(n).
 *
 * @example
 * const update: WeightedUpdate = { delta: new Float32Array([0.1, -0.2]), weight: 600 };
 */
export interface WeightedUpdate {
  delta: Float32Array;
  /** Sample count n_k; must be finite and > 0. */
  weight: number;
}
