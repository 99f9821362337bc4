import { deriveSeed } from '@edgefl/random';
import type { RoundContext } from './round-context';
import type { RoundState } from './round-state';
import { selectCohort } from './select-cohort';
import { selectDpCohort } from './select-dp-cohort';

/**
 * The cohort of an attempt among the `available` ids, for plain and secure rounds alike: in DP runs
 * Poisson sampling after the budget check ({@link selectDpCohort}); otherwise the seeded,
 * suspicion-ordered, over-selected draw of {@link selectCohort}, capped by a retry's `cohortLimit`.
 *
 * @example
 * const cohort = selectRoundCohort(context, state, connectedIds);
 */
export function selectRoundCohort(context: RoundContext, state: RoundState, available: readonly string[]): string[] {
  const { config } = context;
  if (config.dp) return selectDpCohort(context, state, available);
  return selectCohort(
    available,
    config.clientsPerRound,
    config.overSelection,
    deriveSeed(state.seed, 'cohort'),
    (id) => context.suspicion.scoreOf(id),
    state.cohortLimit,
  );
}
