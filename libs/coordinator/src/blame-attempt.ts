import { RoundStage } from '@edgefl/protocol';
import type { CoordinatorConfig } from './coordinator-config';
import type { RoundState } from './round-state';
import type { AttemptVerdict } from './attempt-blame';

/**
 * Turns a finished attempt into what the suspicion policy learns from it, and the size of the
 * next attempt's cohort:
 * - completed: its participants are cleared;
 * - abandoned at Aggregate with enough reports (the sum failed a check), or at Unmask with nobody
 *   silent (the shares did not decode), nobody caught: the clients in the sum are the suspects;
 * - otherwise (too few answered): the members that dropped without complaining are, as
 *   long as they are at most half the cohort (when most of a cohort misses a deadline, the
 *   deadline or the network is the likelier cause: nobody is suspected).
 * When the suspects are most of the connected clients, the retry cannot go to a fresh cohort, so
 * it draws a smaller one (half the suspects, at least what a round needs) from the least suspected:
 * group testing that isolates a client that spoils every sum it is in.
 *
 * @example
 * const verdict = blameAttempt(state, false, config, registry.size);
 * suspicion.recordAttempt(verdict);
 */
export function blameAttempt(
  state: RoundState,
  completed: boolean,
  config: CoordinatorConfig,
  connected: number,
): AttemptVerdict & { nextCohortLimit?: number } {
  const base = { round: state.round, completed, blame: state.blame };
  if (completed) return { ...base, suspects: [], cleared: [...state.reported] };
  const complainers = new Set(state.blame.complaints.map((complaint) => complaint.from));
  const silent = [...state.dropped].filter((clientId) => !complainers.has(clientId));
  const atTheSum =
    (state.stage === RoundStage.Aggregate && state.reported.length >= config.minReports) ||
    (state.stage === RoundStage.Unmask && silent.length === 0);
  const suspects = atTheSum ? [...state.reported] : silent.length * 2 <= state.cohort.size ? silent : [];
  const attributed = state.blame.evidence.size > 0 || state.blame.complaints.length > 0;
  const wanted = Math.ceil(config.clientsPerRound * config.overSelection);
  const needed = Math.max(config.minReports, config.secure ? 2 : 1);
  const nextCohortLimit =
    !attributed && atTheSum && connected - suspects.length < wanted
      ? Math.max(needed, Math.ceil(suspects.length / 2))
      : undefined;
  return { ...base, suspects, cleared: [], nextCohortLimit };
}
