import type { RandomSource } from './random-source';

/**
 * Conditional randomized rounding (Kairouz, Liu, Steinke 2021, Algorithm 1, step 5): each
 * coordinate rounds to floor(x) + Bernoulli(x - floor(x)), unbiased, and the whole vector is
 * rounded again until its L2 norm is at most `bound`, so the sensitivity after rounding is
 * `bound` exactly. Gives up (RangeError) after `maxTries`, which for the KLS bound with
 * beta = exp(-1/2) happens with probability below 0.61^maxTries.
 *
 * @example
 * conditionalRandomizedRounding(Float64Array.of(0.5, -1.25), 2, source); // e.g. Int32Array [1, -1]
 */
export function conditionalRandomizedRounding(
  x: Float64Array,
  bound: number,
  source: RandomSource,
  maxTries = 100,
): Int32Array {
  if (!(bound > 0)) throw new RangeError(`bound must be > 0, got ${bound}`);
  const out = new Int32Array(x.length);
  const bound2 = bound * bound;
  for (let attempt = 0; attempt < maxTries; attempt++) {
    let norm2 = 0;
    for (let i = 0; i < x.length; i++) {
      const floor = Math.floor(x[i]);
      const value = floor + (source.nextFloat() < x[i] - floor ? 1 : 0);
      out[i] = value;
      norm2 += value * value;
    }
    if (norm2 <= bound2) return out;
  }
  throw new RangeError(`no rounding within L2 norm ${bound} in ${maxTries} tries`);
}

/**
 * The squared-norm bound of conditional rounding for a vector of L2 norm at most `c` in `d`
 * dimensions (KLS 2021, Theorem 4 / Eq. (4)):
 * min(c^2 + d/4 + sqrt(2 log(1/beta)) (c + sqrt(d)/2), (c + sqrt(d))^2); one rounding exceeds it
 * with probability at most beta.
 *
 * @example
 * roundingBound(100, 1024, Math.exp(-0.5)); // the L2 bound (not squared) to pass to the rounding
 */
export function roundingBound(c: number, d: number, beta: number): number {
  if (!(beta > 0 && beta < 1)) throw new RangeError(`beta must be in (0, 1), got ${beta}`);
  const probabilistic = c * c + d / 4 + Math.sqrt(2 * Math.log(1 / beta)) * (c + Math.sqrt(d) / 2);
  const deterministic = (c + Math.sqrt(d)) ** 2;
  return Math.sqrt(Math.min(probabilistic, deterministic));
}
