import { addGaussianNoise, cryptoRandomSource } from '@edgefl/privacy';
import type { DpConfig, RandomSource } from '@edgefl/privacy';

/**
 * Central DP-FedAvg's server step on a round's sum of clipped, uniformly weighted updates
 * (McMahan et al. 2018, Algorithm 1, fixed-denominator estimator): adds N(0, (z C)^2) to every
 * coordinate of `sum`, in place, and returns the denominator to divide by, the expected cohort
 * q * available, not the number that reported.
 *
 * @example
 * const denominator = applyCentralDp(state.weightedSum, config.dp, q, available);
 */
export function applyCentralDp(sum: Float64Array, dp: DpConfig, q: number, available: number, source: RandomSource = cryptoRandomSource()): number {
  addGaussianNoise(sum, dp.noiseMultiplier * dp.clip, source);
  return Math.max(1, q * available);
}
