import type { RandomSource } from '@edgefl/privacy';

/**
 * Poisson cohort selection for DP rounds: each available id joins independently with probability
 * `q`, the sampling the privacy accountant assumes (Mironov, Talwar, Zhang 2019). The cohort size
 * is random (mean q * available); over-selection does not apply. Randomness comes from tweetnacl
 * (`cryptoRandomSource`, the round context's `dpRandom`), not the run seed: amplification by
 * sampling needs the sample hidden from whoever sees the model.
 *
 * @example
 * selectPoissonCohort(['a', 'b', 'c'], 0.5, cryptoRandomSource()); // each id with probability 1/2
 */
export function selectPoissonCohort(available: readonly string[], q: number, source: RandomSource): string[] {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`q must be in [0, 1], got ${q}`);
  return [...available].sort().filter(() => source.nextFloat() < q);
}

/**
 * The sampling rate of a DP round: the goal count over the clients available, at most 1.
 *
 * @example
 * dpSamplingRate(100, 1000); // 0.1
 */
export function dpSamplingRate(clientsPerRound: number, available: number): number {
  return available <= 0 ? 1 : Math.min(1, clientsPerRound / available);
}
