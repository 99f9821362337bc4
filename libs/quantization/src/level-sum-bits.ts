import { assertQuantizerBits } from './quantizer-config';

/**
 * The fewest bits that hold the sum of `clientCount` levels of `bits` bits without wrapping:
 * `ceil(log2(clientCount * (2^bits - 1) + 1))`, about `bits + log2(clientCount)`. Secure aggregation
 * of fixed-range levels needs a modulus of at least `2^levelSumBits(bits, clientCount)` for
 * `decodeLevelSum` to be exact (with integer weights, pass their sum as `clientCount`).
 *
 * @example
 * levelSumBits(8, 100); // 15
 */
export function levelSumBits(bits: number, clientCount: number): number {
  assertQuantizerBits(bits, 'bits');
  if (!Number.isSafeInteger(clientCount) || clientCount < 1) {
    throw new RangeError(`clientCount must be a positive integer, got ${clientCount}`);
  }
  let highest = clientCount * (2 ** bits - 1);
  let needed = 0;
  while (highest >= 1) {
    needed++;
    highest = Math.floor(highest / 2);
  }
  return needed;
}
