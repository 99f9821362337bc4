import type { RoundStore } from '@edgefl/coordinator-store';

/**
 * Where a run resumes (a restarted coordinator, or a node that just took the leader lease): the
 * last attempt the round log holds of the round after the latest committed version, so that its first attempt takes the next attempt
 * number and a round id no earlier attempt had; `undefined` when that round has no attempt logged
 * (the runner starts at attempt 1). The open attempt a dead leader left is logged first
 * ({@link abandonFailedOverRound}); this also covers a leader that died between attempts (its
 * failed attempts logged, nothing open), whose successor would otherwise reuse `run/R/1`, and a
 * node leading again, whose earlier term's resume point would be stale.
 *
 * @example
 * await abandonFailedOverRound(openRounds, store, logger);
 * const resumeAfter = await resumeAfterTakeover(store); // in RoundRunner.run()
 */
export async function resumeAfterTakeover(store: RoundStore): Promise<{ round: number; attempt: number } | undefined> {
  const next = ((await store.latestCheckpoint())?.version ?? 0) + 1;
  let attempt = 0;
  for (const record of await store.rounds()) if (record.round === next) attempt = Math.max(attempt, record.attempt);
  return attempt > 0 ? { round: next, attempt } : undefined;
}
