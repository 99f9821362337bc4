import type { RoundRecord, RoundStore } from '@edgefl/coordinator-store';
import { modelJsonPath } from '@edgefl/protocol';
import { blameAttempt } from './blame-attempt';
import type { CoordinatorEmitter } from './coordinator-emitter';
import type { RoundContext } from './round-context';
import type { RoundState } from './round-state';
import type { AttemptTraffic } from './round-traffic';

/** How an attempt's stages ended: a new model (and its evaluation), or the reason it was abandoned. */
export interface AttemptResult {
  result?: { weights: Float32Array; version: number };
  reason?: string;
  accuracy?: number;
  loss?: number;
}

/** What the run loop needs from a closed attempt. */
export interface ClosedAttempt {
  record: RoundRecord;
  /** Clients quarantined because of this attempt. */
  quarantined: string[];
  /** The cohort size the next attempt draws (a smaller one after an unexplained failure). */
  nextCohortLimit?: number;
}

/**
 * Closes one attempt of a round: spends its privacy, commits its record (and the new model) to the
 * store, tells its cohort (`round-end`, through the client channel), lets the suspicion policy
 * learn from it, and reports `round-end` (and `evaluation`) to the coordinator's listeners.
 *
 * @example
 * const { record, quarantined } = await closeAttempt(context, store, events, state, traffic, outcome);
 */
export async function closeAttempt(
  context: RoundContext,
  store: RoundStore,
  events: CoordinatorEmitter,
  state: RoundState,
  traffic: AttemptTraffic,
  { result, reason, accuracy, loss }: AttemptResult,
): Promise<ClosedAttempt> {
  const { round, attempt } = state;
  const epsilon = result && state.dp ? context.privacy?.spend(state.dp.samplingRate) : undefined;
  const dpClip = state.dp?.clip;
  const record: RoundRecord = {
    runId: state.runId,
    round,
    attempt,
    roundId: state.roundId,
    outcome: result ? 'completed' : 'abandoned',
    reason,
    modelVersion: result ? result.version : state.modelVersion,
    selected: state.cohort.size,
    participants: state.reported.length,
    dropped: state.dropped.size,
    rejected: state.rejected,
    ...traffic.bytesOf(state.cohort),
    startedAt: state.startedAt,
    durationMs: Date.now() - state.startedAt,
    accuracy,
    loss,
    trainLoss: state.trainLossWeight > 0 ? state.trainLossSum / state.trainLossWeight : undefined,
    ...(epsilon !== undefined && { epsilon }),
    ...(dpClip !== undefined && { dpClip }),
  };
  await store.commitRound(
    record,
    result ? { version: result.version, weights: result.weights, createdAt: Date.now() } : undefined,
  );
  for (const clientId of state.cohort) {
    context.clients.send(clientId, 'round-end', {
      type: 'round-end',
      roundId: state.roundId,
      round,
      outcome: record.outcome,
      reason,
      modelVersion: record.modelVersion,
      participants: record.participants,
      modelUrl: modelJsonPath(record.modelVersion),
    });
  }
  const verdict = blameAttempt(state, result !== undefined, context.config, context.clients.size);
  const quarantined = context.suspicion.recordAttempt(verdict);
  if (quarantined.length > 0 || state.blame.evidence.size > 0 || state.blame.complaints.length > 0) {
    context.logger.warn(
      {
        roundId: state.roundId,
        evidence: Object.fromEntries(state.blame.evidence),
        complaints: state.blame.complaints.length,
        quarantined,
      },
      'suspicion updated',
    );
  }
  context.logger.info(
    { roundId: state.roundId, outcome: record.outcome, reason, participants: record.participants, accuracy },
    'round ended',
  );
  events.emit('round-end', record);
  if (result && accuracy !== undefined && loss !== undefined) {
    events.emit('evaluation', { modelVersion: result.version, accuracy, loss });
  }
  return { record, quarantined, nextCohortLimit: verdict.nextCohortLimit };
}
