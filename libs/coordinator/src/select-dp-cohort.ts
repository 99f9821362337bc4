import { RoundAbortedError } from './round-aborted-error';
import type { RoundContext } from './round-context';
import type { RoundState } from './round-state';
import { dpSamplingRate, selectPoissonCohort } from './select-poisson-cohort';

/**
 * The cohort of a DP round: checks the budget for this round's sampling rate (aborting the attempt
 * with "privacy budget spent" when it would be exceeded), then selects by Poisson sampling and
 * records the rate on the round for the accountant and the fixed denominator.
 */
export function selectDpCohort(context: RoundContext, state: RoundState, available: readonly string[]): string[] {
  const q = dpSamplingRate(context.config.clientsPerRound, available.length);
  if (context.privacy && !context.privacy.admits(q)) {
    throw new RoundAbortedError(
      `privacy budget spent: another round at q = ${q.toFixed(4)} would exceed epsilon ${context.privacy.dp.epsilon}`,
    );
  }
  const clip = context.adaptiveClip?.value ?? context.config.dp?.clip ?? 0;
  state.dp = { samplingRate: q, available: available.length, unclipped: 0, clip };
  return selectPoissonCohort(available, q, context.dpRandom);
}
