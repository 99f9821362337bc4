/**
 * The smallest modulus exponent m such that the sum of `cohortSize` vectors whose elements are at
 * most `maxElementValue` cannot wrap mod 2^m, i.e. the bit length of cohortSize * maxElementValue.
 *
 * Weighting: secagg never sees sample counts. A caller that wants a weighted mean puts the weight
 * into the vector itself, e.g. x = [w_k, w_k * level_1, ..., w_k * level_L] with a small integer
 * w_k, and sizes m from the largest such element; the server divides sum(w_k * level) by sum(w_k)
 * after unmasking, so no individual count travels in the clear (Flower's SecAgg+ does the same).
 *
 * @example
 * modulusBitsFor(255, 10); // 12: 10 * 255 = 2550 < 2^12
 * modulusBitsFor(2 ** 22 - 1, 1000); // 32
 */
export function modulusBitsFor(maxElementValue: number, cohortSize: number): number {
  if (!Number.isInteger(maxElementValue) || maxElementValue < 0 || maxElementValue > 0xffffffff) {
    throw new RangeError(`maxElementValue must be an integer in 0..2^32-1, got ${maxElementValue}`);
  }
  if (!Number.isInteger(cohortSize) || cohortSize < 1 || cohortSize > 65535) {
    throw new RangeError(`cohortSize must be an integer in 1..65535, got ${cohortSize}`);
  }
  const largestSum = maxElementValue * cohortSize; // < 2^48, exact in a double
  let bits = 1;
  while (2 ** bits <= largestSum) bits++;
  if (bits > 32) {
    throw new RangeError(
      `maxElementValue * cohortSize = ${largestSum} needs ${bits} bits; secagg supports at most 32 (lower the quantization levels or weights)`,
    );
  }
  return bits;
}

/**
 * The mask of the low `modulusBits` bits, as an unsigned 32-bit number: `(v & mask) >>> 0` is v mod 2^m.
 *
 * @example
 * modulusMask(8); // 0xff
 */
export function modulusMask(modulusBits: number): number {
  if (!Number.isInteger(modulusBits) || modulusBits < 1 || modulusBits > 32) {
    throw new RangeError(`modulusBits must be an integer in 1..32, got ${modulusBits}`);
  }
  return 2 ** modulusBits - 1;
}
