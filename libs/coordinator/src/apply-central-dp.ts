import { addGaussianNoise, sumNoiseMultiplier } from '@edgefl/privacy';
import type { AdaptiveClip, DpConfig, RandomSource } from '@edgefl/privacy';

/**
 * Central DP-FedAvg's server step on a round's sum of clipped, uniformly weighted updates
 * (McMahan et al. 2018, Algorithm 1, fixed-denominator estimator): adds N(0, (z C)^2) to every
 * coordinate of `sum`, in place, and returns the denominator to divide by, the expected cohort
 * q * available, not the number that reported. With adaptive clipping (Andrew et al. 2021) C is the
 * round's clip, z the part of the multiplier left after the noisy count, and the clip then moves
 * toward its quantile from the round's count of unclipped updates. Noise comes from `source`
 * (the round context's `dpRandom`: tweetnacl's CSPRNG outside tests).
 *
 * @example
 * const denominator = applyCentralDp(state.sum.weightedSum, config.dp, state.dp, context.dpRandom, context.adaptiveClip);
 */
export function applyCentralDp(
  sum: Float64Array,
  dp: DpConfig,
  round: { samplingRate: number; available: number; unclipped: number; clip: number },
  source: RandomSource,
  adaptiveClip?: AdaptiveClip,
): number {
  const { clip } = round;
  const multiplier = adaptiveClip
    ? sumNoiseMultiplier(dp.noiseMultiplier, adaptiveClip.options.countNoise)
    : dp.noiseMultiplier;
  addGaussianNoise(sum, multiplier * clip, source);
  const denominator = Math.max(1, round.samplingRate * round.available);
  adaptiveClip?.update(round.unclipped, denominator, source);
  return denominator;
}
