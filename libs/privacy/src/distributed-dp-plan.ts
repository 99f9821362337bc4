import { roundingBound } from './conditional-randomized-rounding';
import { paddedLengthFor } from './randomized-hadamard';

/** The parameters every client of a secure DP round needs (sent in the task, `secure.dp`). */
export interface DistributedDpPlan {
  /** L2 clip C of each client's delta, in model units. */
  clip: number;
  /** d: parameters padded to a power of two (the rotated, uploaded vector's length). */
  paddedLength: number;
  /** gamma: one integer step in model units. */
  gridStep: number;
  /** Delta_2: the L2 norm bound of a client's rounded vector, in grid steps (the sensitivity). */
  roundingBound: number;
  /** sigma_c^2: the variance of each client's discrete Gaussian noise, in grid steps squared (an integer >= 4). */
  noiseVariance: number;
  /** m: the sum lives mod 2^m. */
  modulusBits: number;
}

/** What {@link planDistributedDp} derives beyond the wire plan, for reports and tests. */
export interface DistributedDpPlanDetails extends DistributedDpPlan {
  /** z achieved by minSurvivors clients' noise: sqrt(minSurvivors * sigma_c^2) / Delta_2 (>= the target z). */
  effectiveNoiseMultiplier: number;
  /** The bound on P(some coordinate of the sum wraps around mod 2^m). */
  wrapProbability: number;
}

/**
 * Plans the distributed discrete Gaussian for one secure round (Kairouz, Liu, Steinke 2021,
 * "The Distributed Discrete Gaussian Mechanism for Federated Learning with Secure Aggregation",
 * Algorithm 1): clip to C, randomized Hadamard rotation over d = 2^ceil(log2 P) coordinates, scale
 * by 1/gamma, conditional randomized rounding to L2 norm Delta_2, discrete Gaussian noise of
 * variance sigma_c^2 per client, sum mod 2^m.
 *
 * - gamma: a single client's rotated coordinate stays below 2^(bits-1) steps with probability
 *   1 - p/(2d) (Hoeffding over the random signs: |(HDx)_i| <= C sqrt(2 L / d), L = ln(4d/p)),
 *   so C/gamma = 2^(bits-1) sqrt(d / (2L)).
 * - Delta_2 from {@link roundingBound} with beta = exp(-1/2) (the value KLS 2021 use).
 * - sigma_c^2 = max(4, ceil((z Delta_2)^2 / minSurvivors)): any minSurvivors clients' noise
 *   together has variance >= (z Delta_2)^2, the Gaussian mechanism at multiplier z for
 *   sensitivity Delta_2; more survivors only add noise.
 * - m: the smallest with n + u1 + u2 < 2^(m-1), where over n cohort members the signal part of a
 *   coordinate of the sum exceeds u1 = n (C/gamma) sqrt(2L/d) with probability <= p/(2d), the
 *   noise part (n sigma_c^2-subgaussian, CKS 2020 Cor. 9) exceeds u2 = sqrt(2 n sigma_c^2 L)
 *   with probability <= p/(2d), and rounding adds at most n; a union bound over d coordinates
 *   gives P(wrap-around) <= p (default 1e-9). See docs/PRIVACY.md.
 *
 * @example
 * planDistributedDp({ clip: 1, noiseMultiplier: 0.8, bits: 8, parameters: 16419, cohortSize: 130, minSurvivors: 60 });
 */
export function planDistributedDp(args: {
  clip: number;
  noiseMultiplier: number;
  bits: number;
  parameters: number;
  cohortSize: number;
  minSurvivors: number;
  wrapProbability?: number;
  beta?: number;
}): DistributedDpPlanDetails {
  const { clip, noiseMultiplier, bits, parameters, cohortSize, minSurvivors } = args;
  const p = args.wrapProbability ?? 1e-9;
  const beta = args.beta ?? Math.exp(-0.5);
  if (!(clip > 0) || !Number.isFinite(clip)) throw new RangeError(`clip must be a finite number > 0, got ${clip}`);
  if (!(noiseMultiplier > 0) || !Number.isFinite(noiseMultiplier))
    throw new RangeError(`noiseMultiplier must be a finite number > 0, got ${noiseMultiplier}`);
  if (!Number.isInteger(bits) || bits < 2 || bits > 16)
    throw new RangeError(`bits must be an integer in 2..16, got ${bits}`);
  if (!Number.isInteger(cohortSize) || cohortSize < 1)
    throw new RangeError(`cohortSize must be a positive integer, got ${cohortSize}`);
  if (!Number.isInteger(minSurvivors) || minSurvivors < 1 || minSurvivors > cohortSize) {
    throw new RangeError(`minSurvivors must be an integer in 1..cohortSize, got ${minSurvivors}`);
  }
  if (!(p > 0 && p < 1)) throw new RangeError(`wrapProbability must be in (0, 1), got ${p}`);
  const d = paddedLengthFor(parameters);
  const L = Math.log((4 * d) / p);
  const scaledClip = 2 ** (bits - 1) * Math.sqrt(d / (2 * L));
  const gridStep = clip / scaledClip;
  const bound = roundingBound(scaledClip, d, beta);
  const noiseVariance = Math.max(4, Math.ceil((noiseMultiplier * bound) ** 2 / minSurvivors));
  const n = cohortSize;
  const u1 = n * scaledClip * Math.sqrt((2 * L) / d);
  const u2 = Math.sqrt(2 * n * noiseVariance * L);
  const modulusBits = Math.ceil(Math.log2(n + u1 + u2 + 1)) + 1;
  if (modulusBits > 32)
    throw new RangeError(
      `the sum needs ${modulusBits} bits, more than the 32 SecAgg supports: lower bits or the cohort`,
    );
  return {
    clip,
    paddedLength: d,
    gridStep,
    roundingBound: bound,
    noiseVariance,
    modulusBits,
    effectiveNoiseMultiplier: Math.sqrt(minSurvivors * noiseVariance) / bound,
    wrapProbability: p,
  };
}
