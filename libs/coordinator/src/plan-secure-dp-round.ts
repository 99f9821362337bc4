import { planDistributedDp } from '@edgefl/privacy';
import type { DistributedDpPlanDetails, DpConfig, RandomSource } from '@edgefl/privacy';
import type { SecureDpSetup } from '@edgefl/protocol';

/** A secure DP round's plan (see {@link planDistributedDp}) and its shared rotation seed. */
export interface SecureDpRound {
  plan: DistributedDpPlanDetails;
  rotationSeed: Uint8Array;
  /** The fewest survivors the round accepts: max(threshold t, minReports); the noise is sized for them. */
  minSurvivors: number;
}

/**
 * Plans the distributed discrete Gaussian for a secure round of `cohortSize` clients whose
 * SecAgg threshold is `threshold`: the noise is sized so that max(t, minReports) survivors (the
 * fewest the round accepts) carry the run's noise multiplier; a fresh rotation seed from `source`
 * (the round context's `dpRandom`: tweetnacl's CSPRNG outside tests).
 *
 * @example
 * const round = planSecureDpRound(config.dp, config.secure.bits, 16419, 130, 8, 60, cryptoRandomSource());
 */
export function planSecureDpRound(
  dp: DpConfig,
  bits: number,
  parameters: number,
  cohortSize: number,
  threshold: number,
  minReports: number,
  source: RandomSource,
): SecureDpRound {
  const minSurvivors = Math.min(cohortSize, Math.max(threshold, minReports));
  const plan = planDistributedDp({
    clip: dp.clip,
    noiseMultiplier: dp.noiseMultiplier,
    bits,
    parameters,
    cohortSize,
    minSurvivors,
  });
  const rotationSeed = Uint8Array.from({ length: 32 }, () => source.nextByte());
  return { plan, rotationSeed, minSurvivors };
}

/** The `task.secure.dp` field for a planned round. */
export function secureDpSetupOf(round: SecureDpRound): SecureDpSetup {
  const { clip, paddedLength, gridStep, roundingBound, noiseVariance } = round.plan;
  return {
    clip,
    paddedLength,
    gridStep,
    roundingBound,
    noiseVariance,
    rotationSeed: Buffer.from(round.rotationSeed).toString('base64'),
  };
}
