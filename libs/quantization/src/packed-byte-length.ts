/**
 * Bytes that `count` values of `bits` bits take when bit-packed: `ceil(count * bits / 8)`.
 *
 * @example
 * packedByteLength(5, 3); // 2
 */
export function packedByteLength(count: number, bits: number): number {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  assertPackBits(bits);
  return Math.ceil((count * bits) / 8);
}

/** Throws a RangeError naming `bits` unless it is an integer in 1..32. */
export function assertPackBits(bits: number): void {
  if (!Number.isInteger(bits) || bits < 1 || bits > 32) {
    throw new RangeError(`bits must be an integer from 1 to 32, got ${bits}`);
  }
}
