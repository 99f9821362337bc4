import { assertFiniteVector } from './assert-finite-vector';

/**
 * Turns the aggregate that secure aggregation reveals, sum_k n_k * delta_k and sum_k n_k, into the
 * FedAvg mean delta. The server never sees an individual delta or sample count.
 *
 * @example
 * meanFromWeightedSum(new Float64Array([3, 6]), 3); // Float32Array [1, 2]
 */
export function meanFromWeightedSum(weightedSum: Float64Array | Float32Array, totalWeight: number): Float32Array {
  if (!(weightedSum instanceof Float64Array || weightedSum instanceof Float32Array)) {
    throw new Error('weightedSum must be a Float64Array or Float32Array');
  }
  if (typeof totalWeight !== 'number' || !Number.isFinite(totalWeight) || totalWeight <= 0) {
    throw new Error(`totalWeight must be a finite number > 0, got ${totalWeight}`);
  }
  assertFiniteVector(weightedSum, 'weightedSum');
  const mean = new Float32Array(weightedSum.length);
  for (let i = 0; i < weightedSum.length; i++) mean[i] = weightedSum[i] / totalWeight;
  return mean;
}
