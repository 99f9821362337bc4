import { bernoulliExp, bernoulliExpNumber } from './bernoulli-exp';
import type { RandomSource } from './random-source';

/** A non-negative rational num/den. */
export interface Rational {
  num: bigint;
  den: bigint;
}

/**
 * One exact sample of the discrete Gaussian N_Z(0, sigma^2): P(x) proportional to
 * exp(-x^2 / (2 sigma^2)) over the integers, with sigma^2 = num/den given as a rational
 * (Canonne, Kamath, Steinke 2020, Algorithm 3: a discrete Laplace proposal of scale
 * t = floor(sigma) + 1, accepted with probability exp(-(|x| - sigma^2/t)^2 / (2 sigma^2))).
 * No floating point touches the randomness; the result is a safe integer.
 *
 * @example
 * sampleDiscreteGaussian(cryptoRandomSource(), { num: 9n, den: 1n }); // variance about 9
 */
export function sampleDiscreteGaussian(source: RandomSource, sigma2: Rational): number {
  const { num, den } = sigma2;
  if (typeof num !== 'bigint' || typeof den !== 'bigint' || num <= 0n || den <= 0n) {
    throw new RangeError('sigma2 must be a positive rational { num, den } of bigints');
  }
  if (den === 1n && num <= 1_000_000n) return sampleIntegerVariance(source, Number(num));
  const t = bigintSqrtFloor(num / den) + 1n; // floor(sigma) + 1 (sigma >= sqrt(floor(sigma^2)))
  for (;;) {
    const x = sampleDiscreteLaplace(source, t);
    // Accept with exp(-(|x| - sigma^2/t)^2 / (2 sigma^2)) = exp(-(|x| t den - num)^2 / (2 num t^2 den)).
    const abs = x < 0n ? -x : x;
    const diff = abs * t * den - num;
    if (bernoulliExp(source, diff * diff, 2n * num * t * t * den)) return Number(x);
  }
}

/**
 * The same algorithm for an integer sigma^2 = s <= 10^6 in float64 integer arithmetic: every
 * product stays below 2^53 for |x| < 2^20 (a proposal that large is refused, which changes the
 * distribution by less than exp(-2^20 / (sqrt(s) + 1)), i.e. not at all in float64).
 */
function sampleIntegerVariance(source: RandomSource, s: number): number {
  let root = Math.floor(Math.sqrt(s));
  while (root * root > s) root--;
  while ((root + 1) * (root + 1) <= s) root++;
  const t = root + 1;
  for (;;) {
    const u = source.uniformBelowNumber(t);
    if (!bernoulliExpNumber(source, u, t)) continue;
    let v = 0;
    while (bernoulliExpNumber(source, 1, 1)) v++;
    const x = u + t * v;
    const negative = (source.nextByte() & 1) === 1;
    if (negative && x === 0) continue;
    if (x >= 1 << 20) continue;
    const diff = x * t - s;
    if (bernoulliExpNumber(source, diff * diff, 2 * s * t * t)) return negative ? -x : x;
  }
}

/** Discrete Laplace with P(x) proportional to exp(-|x| / t), t a positive integer (CKS 2020 Algorithm 2, s = 1). */
function sampleDiscreteLaplace(source: RandomSource, t: bigint): bigint {
  for (;;) {
    const u = source.uniformBelow(t);
    if (!bernoulliExp(source, u, t)) continue;
    let v = 0n;
    while (bernoulliExp(source, 1n, 1n)) v += 1n;
    const x = u + t * v;
    const negative = (source.nextByte() & 1) === 1;
    if (negative && x === 0n) continue;
    return negative ? -x : x;
  }
}

function bigintSqrtFloor(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x -= 1n;
  while ((x + 1n) * (x + 1n) <= n) x += 1n;
  return x;
}

/**
 * sigma^2 as a rational with denominator 2^32 (rounded up, so the noise is never below the plan).
 *
 * @example
 * rationalFromVariance(2.5); // { num: 10737418240n, den: 4294967296n }
 */
export function rationalFromVariance(variance: number): Rational {
  if (!(variance > 0) || !Number.isFinite(variance))
    throw new RangeError(`variance must be a finite number > 0, got ${variance}`);
  const den = 4294967296n;
  return { num: BigInt(Math.ceil(variance * 4294967296)), den };
}
