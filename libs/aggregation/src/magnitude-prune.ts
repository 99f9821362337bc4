/** A contiguous slice of a flat weight vector: one tensor. */
export interface WeightSegment {
  offset: number;
  length: number;
}

/**
 * Magnitude pruning per tensor: in each segment, the `floor(sparsity * length)` weights of
 * smallest |w| (ties: lower index first) become exactly 0 (values already zero count among
 * them); values outside the segments are kept. Returns a new vector.
 *
 * @example
 * magnitudePrune(new Float32Array([0.1, -3, 0.2, 4]), [{ offset: 0, length: 4 }], 0.5); // [0, -3, 0, 4]
 */
export function magnitudePrune(
  weights: Float32Array,
  segments: readonly WeightSegment[],
  sparsity: number,
): Float32Array {
  if (!(weights instanceof Float32Array)) throw new TypeError('weights must be a Float32Array');
  if (typeof sparsity !== 'number' || !(sparsity >= 0 && sparsity < 1))
    throw new RangeError(`sparsity must be a number in [0, 1), got ${String(sparsity)}`);
  const pruned = weights.slice();
  for (const { offset, length } of segments) {
    if (
      !Number.isInteger(offset) ||
      !Number.isInteger(length) ||
      offset < 0 ||
      length < 0 ||
      offset + length > weights.length
    ) {
      throw new RangeError(`segment {offset: ${offset}, length: ${length}} is outside the ${weights.length} weights`);
    }
    const count = Math.floor(sparsity * length);
    if (count === 0) continue;
    const order = Array.from({ length }, (_, i) => i);
    order.sort((a, b) => Math.abs(weights[offset + a]) - Math.abs(weights[offset + b]) || a - b);
    for (let k = 0; k < count; k++) pruned[offset + order[k]] = 0;
  }
  return pruned;
}
