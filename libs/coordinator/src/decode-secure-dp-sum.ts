import { decodeDistributedDpSum } from '@edgefl/privacy';
import type { RoundState } from './round-state';
import type { SecureRoundState } from './secure-round-state';

/**
 * Decodes the unmasked sum of a secure DP round: undoes the rotation and the grid
 * ({@link decodeDistributedDpSum}) into the noisy sum of the survivors' clipped deltas, and gives
 * the fixed denominator q * available (the expected cohort) as the total weight. Throws when fewer
 * survivors than the noise was sized for are in the sum.
 *
 * @example
 * const { weightedSum, totalWeight } = decodeSecureDpSum(state.secure, state);
 */
export function decodeSecureDpSum(
  secure: SecureRoundState,
  state: Pick<RoundState, 'dp' | 'globalWeights' | 'pruningMask'>,
): { weightedSum: Float64Array; totalWeight: number } {
  const { dp, sum, survivors } = secure;
  if (!dp || !sum || !survivors || !state.dp) throw new RangeError('not a decoded DP round');
  if (survivors.length < dp.minSurvivors)
    throw new RangeError(`${survivors.length} survivors carry less noise than planned (for ${dp.minSurvivors})`);
  const plan = { ...dp.plan, modulusBits: secure.modulusBits };
  // A pruned model's clients encoded their kept coordinates only.
  const length = state.pruningMask?.keptIndices.length ?? state.globalWeights.length;
  const weightedSum = decodeDistributedDpSum(sum, plan, dp.rotationSeed, length);
  return { weightedSum, totalWeight: Math.max(1, state.dp.samplingRate * state.dp.available) };
}
