import type { RandomSource } from './random-source';

/**
 * Exactly Bernoulli(exp(-num/den)) for rationals num/den >= 0, with no floating point
 * (Canonne, Kamath, Steinke 2020, "The Discrete Gaussian for Differential Privacy", Algorithm 1):
 * for gamma in [0, 1], draw A_k ~ Bernoulli(gamma / k) for k = 1, 2, ... until one is 0 and return
 * whether that k is odd; for gamma > 1, floor(gamma) independent Bernoulli(exp(-1)) and one
 * Bernoulli(exp(-(gamma - floor(gamma)))) must all succeed.
 *
 * @example
 * bernoulliExp(source, 1n, 2n); // true with probability exp(-1/2)
 */
export function bernoulliExp(source: RandomSource, num: bigint, den: bigint): boolean {
  if (den <= 0n || num < 0n) throw new RangeError(`need num >= 0 and den > 0, got ${num}/${den}`);
  let n = num;
  while (n > den) {
    if (!bernoulliExpAtMostOne(source, den, den)) return false;
    n -= den;
  }
  return bernoulliExpAtMostOne(source, n, den);
}

/**
 * {@link bernoulliExp} for safe-integer num/den (the caller keeps den * k below 2^53): the same
 * algorithm in float64 integer arithmetic, which is exact there and much faster than bigint.
 *
 * @example
 * bernoulliExpNumber(source, 1, 2); // true with probability exp(-1/2)
 */
export function bernoulliExpNumber(source: RandomSource, num: number, den: number): boolean {
  if (!(den > 0) || !(num >= 0) || !Number.isSafeInteger(num) || !Number.isSafeInteger(den)) {
    throw new RangeError(`need safe integers num >= 0 and den > 0, got ${num}/${den}`);
  }
  let n = num;
  while (n > den) {
    if (!bernoulliExpAtMostOneNumber(source, den, den)) return false;
    n -= den;
  }
  return bernoulliExpAtMostOneNumber(source, n, den);
}

function bernoulliExpAtMostOneNumber(source: RandomSource, num: number, den: number): boolean {
  for (let k = 1; ; k++) {
    if (!(source.uniformBelowNumber(den * k) < num)) return k % 2 === 1;
  }
}

function bernoulliExpAtMostOne(source: RandomSource, num: bigint, den: bigint): boolean {
  let k = 1n;
  for (;;) {
    // A ~ Bernoulli(num / (den * k))
    if (!(source.uniformBelow(den * k) < num)) return k % 2n === 1n;
    k += 1n;
  }
}
