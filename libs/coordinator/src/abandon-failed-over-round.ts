import type { OpenRound, OpenRoundStore, RoundStore } from '@edgefl/coordinator-store';
import type { CoordinatorLogger } from './coordinator-logger';

/**
 * What a node that just took the leader lease does with the attempt its predecessor left open
 * (killed, or paused past its lease): it records the attempt as abandoned in the round log, with
 * the stage it was at (`abandoned by failover at stage S`), clears the record and returns it, so
 * the run retries the round with the next attempt number. Nothing of the old attempt is reused:
 * its updates and masked inputs lived in the dead leader's process. An attempt the predecessor
 * had already committed (it died between its commit and clearing the record) is only cleared.
 * Writes are fenced with the new leader's token.
 *
 * @example
 * const abandoned = await abandonFailedOverRound(openRounds, store, logger);
 * const resumeAfter = await resumeAfterTakeover(store); // in RoundRunner.run() // after the attempt just logged
 */
export async function abandonFailedOverRound(
  openRounds: OpenRoundStore,
  store: RoundStore,
  logger: CoordinatorLogger,
): Promise<OpenRound | undefined> {
  const open = await openRounds.openRound();
  if (!open) return undefined;
  const logged = (await store.rounds()).some((record) => record.roundId === open.roundId);
  if (!logged) {
    await store.commitRound({
      runId: open.runId,
      round: open.round,
      attempt: open.attempt,
      roundId: open.roundId,
      outcome: 'abandoned',
      reason: `abandoned by failover at stage ${open.stage}: leader ${open.leaderNodeId} is gone`,
      modelVersion: open.modelVersion,
      selected: open.cohort.length,
      participants: 0,
      dropped: 0,
      rejected: 0,
      bytesUp: 0,
      bytesDown: 0,
      startedAt: open.startedAt,
      durationMs: Math.max(0, Date.now() - open.startedAt),
    });
    logger.warn(
      {
        roundId: open.roundId,
        round: open.round,
        attempt: open.attempt,
        stage: open.stage,
        secure: open.secure,
        cohort: open.cohort.length,
        previousLeader: open.leaderNodeId,
      },
      `round ${open.round} attempt ${open.attempt} abandoned by failover at stage ${open.stage}`,
    );
  }
  await openRounds.clearOpenRound(open.roundId);
  return open;
}
