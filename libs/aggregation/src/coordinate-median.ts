import { assertDeltaList } from './assert-delta-list';

/**
 * Coordinate-wise median of client deltas (Yin et al. 2018; Flower's FedMedian): each output
 * value is the median of that coordinate over the clients, the mean of the two middle values for
 * an even count. Sample counts play no part (a client cannot buy influence by claiming more
 * examples). With f attackers among n > 2f clients, every output coordinate lies within the range
 * of the honest clients' values at that coordinate.
 *
 * @example
 * coordinateMedian([new Float32Array([1, 5]), new Float32Array([2, -1]), new Float32Array([1e30, 0])]);
 * // Float32Array [2, 0]
 */
export function coordinateMedian(deltas: readonly Float32Array[]): Float32Array {
  const length = assertDeltaList(deltas, 'deltas');
  const n = deltas.length;
  const column = new Float64Array(n);
  const out = new Float32Array(length);
  const mid = n >> 1;
  for (let i = 0; i < length; i++) {
    for (let k = 0; k < n; k++) column[k] = deltas[k][i];
    column.sort();
    out[i] = n % 2 === 1 ? column[mid] : (column[mid - 1] + column[mid]) / 2;
  }
  return out;
}
