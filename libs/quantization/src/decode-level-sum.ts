import { fixedRangeLevels } from './fixed-range-levels';

/**
 * Turns the element-wise sum of the levels of `clientCount` clients, all quantized in `fixed` mode
 * with the same `bits` and `range` (e.g. what secure aggregation reveals), into the sum of their
 * dequantized values: every client used offset `-range` and the same step, so
 * `sum_k (offset + step * level_k) = step * levelSum + clientCount * offset`.
 * Divide by `clientCount` for the mean; it is unbiased for the mean of the clipped inputs.
 *
 * Weighted sums work the same way: if client k multiplies its levels by an integer weight `w_k`
 * (e.g. its sample count) before masking, pass `clientCount = sum_k w_k` to get `sum_k w_k x_k`.
 *
 * The sum must not have wrapped around the secure-aggregation modulus: use a modulus of at least
 * `levelSumBits(bits, clientCount)` bits. Throws a RangeError naming `levelSum` for an element that
 * is not an integer in `[0, clientCount * (2^bits - 1)]`, which a wrapped or corrupt sum can show.
 *
 * @example
 * // three clients, 8 bits, clip +-8
 * const levelSum = new Uint32Array(n);
 * for (const q of updates) for (let i = 0; i < n; i++) levelSum[i] += q.levels[i];
 * const mean = decodeLevelSum(levelSum, 3, 8, 8).map((sum) => sum / 3);
 */
export function decodeLevelSum(
  levelSum: ArrayLike<number>,
  clientCount: number,
  bits: number,
  range: number,
): Float32Array {
  if (levelSum === null || typeof levelSum !== 'object' || typeof levelSum.length !== 'number') {
    throw new TypeError(`levelSum must be an array or typed array of integers, got ${String(levelSum)}`);
  }
  if (!Number.isSafeInteger(clientCount) || clientCount < 1) {
    throw new RangeError(`clientCount must be a positive integer, got ${clientCount}`);
  }
  const grid = fixedRangeLevels(bits, range);
  const highest = clientCount * grid.maxLevel;
  const base = clientCount * grid.offset;
  const step = grid.step;
  const out = new Float32Array(levelSum.length);
  for (let i = 0; i < levelSum.length; i++) {
    const sum = levelSum[i];
    if (!Number.isInteger(sum) || sum < 0 || sum > highest) {
      throw new RangeError(`levelSum[${i}] must be an integer in [0, ${highest}], got ${sum}`);
    }
    out[i] = base + step * sum;
  }
  return out;
}
