import { assertFiniteVector } from './assert-finite-vector';
import { FedAvgSum } from './fed-avg-sum';
import { meanFromWeightedSum } from './mean-from-weighted-sum';
import type { WeightedUpdate } from './weighted-update';

/**
 * Sample-weighted mean of client deltas, sum_k n_k * delta_k / sum_k n_k (McMahan et al. 2017,
 * Algorithm 1). Accumulates in float64 so the result does not depend on the order of the updates
 * beyond float32 rounding of the output.
 *
 * @example
 * fedAvg([
 *   { delta: new Float32Array([1, 0]), weight: 1 },
 *   { delta: new Float32Array([0, 1]), weight: 3 },
 * ]); // Float32Array [0.25, 0.75]
 */
export function fedAvg(updates: readonly WeightedUpdate[]): Float32Array {
  if (!Array.isArray(updates) || updates.length === 0) {
    throw new Error('updates must be a non-empty array of weighted updates');
  }
  const length = updates[0]?.delta?.length;
  const sum = new FedAvgSum(length ?? 0);
  updates.forEach((update, k) => {
    if (!(update?.delta instanceof Float32Array)) {
      throw new Error(`updates[${k}].delta must be a Float32Array`);
    }
    if (update.delta.length !== length) {
      throw new Error(`updates[${k}].delta has length ${update.delta.length}, expected ${length} (length mismatch)`);
    }
    const weight = update.weight;
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) {
      throw new Error(`updates[${k}].weight must be a finite number > 0, got ${weight}`);
    }
    assertFiniteVector(update.delta, `updates[${k}].delta`);
    sum.add(update.delta, weight);
  });
  return meanFromWeightedSum(sum.weightedSum, sum.totalWeight);
}
