import { assertDeltaList } from './assert-delta-list';

/**
 * Coordinate-wise trimmed mean (Yin et al. 2018; Flower's FedTrimmedAvg): for each coordinate,
 * drop the `floor(trim * n)` largest and as many smallest values over the n clients and average
 * the rest, unweighted. With f attackers and f <= floor(trim * n), every output coordinate lies
 * within the range of the honest clients' values at that coordinate.
 *
 * @param trim fraction cut from each end, in [0, 0.5).
 * @example
 * trimmedMean([new Float32Array([1]), new Float32Array([2]), new Float32Array([3]), new Float32Array([1e30])], 0.25);
 * // Float32Array [2.5]
 */
export function trimmedMean(deltas: readonly Float32Array[], trim: number): Float32Array {
  const length = assertDeltaList(deltas, 'deltas');
  if (typeof trim !== 'number' || !(trim >= 0 && trim < 0.5))
    throw new Error(`trim must be a number in [0, 0.5), got ${trim}`);
  const n = deltas.length;
  const cut = Math.floor(trim * n);
  const kept = n - 2 * cut;
  const column = new Float64Array(n);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    for (let k = 0; k < n; k++) column[k] = deltas[k][i];
    column.sort();
    let sum = 0;
    for (let k = cut; k < n - cut; k++) sum += column[k];
    out[i] = sum / kept;
  }
  return out;
}
