import type { OpenRound, OpenRoundStore } from '@edgefl/coordinator-store';
import type { RoundStage } from '@edgefl/protocol';
import type { CoordinatorLogger } from './coordinator-logger';
import type { RoundState } from './round-state';

/**
 * Keeps the leader's open attempt in an {@link OpenRoundStore}: {@link track} writes it when the
 * attempt opens and again on every change of `state.stage` (the stages assign it; the recorder
 * watches the field, so no stage knows about it), {@link clear} removes it once the attempt is
 * closed. Writes go out in order, one at a time; a failed write is logged, never fatal to the round
 * (a stale fencing token means another node leads: its own commit is refused anyway).
 *
 * @example
 * runner.openRounds = new OpenRoundRecorder(store, { nodeId, secure, stageTimeoutMs }, logger);
 */
export class OpenRoundRecorder {
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: OpenRoundStore,
    private readonly run: { nodeId: string; secure: boolean; stageTimeoutMs: number },
    private readonly logger: CoordinatorLogger,
  ) {}

  /** Records `state` now and on each stage change from now on. */
  track(state: RoundState): void {
    let stage = state.stage;
    Object.defineProperty(state, 'stage', {
      enumerable: true,
      configurable: true,
      get: () => stage,
      set: (next: RoundStage) => {
        if (next === stage) return;
        stage = next;
        this.write(state);
      },
    });
    this.write(state);
  }

  /** Resolves once every write issued so far landed (or failed and was logged). */
  settled(): Promise<void> {
    return this.writes;
  }

  /** Removes the record of `state` once its pending writes landed. */
  async clear(state: RoundState): Promise<void> {
    this.writes = this.writes.then(() =>
      this.store.clearOpenRound(state.roundId).then(
        () => undefined,
        (error: Error) => this.failed(state, error),
      ),
    );
    await this.writes;
  }

  private write(state: RoundState): void {
    const open: OpenRound = {
      runId: state.runId,
      round: state.round,
      attempt: state.attempt,
      roundId: state.roundId,
      stage: state.stage,
      modelVersion: state.modelVersion,
      cohort: [...state.cohort],
      deadline: Date.now() + this.run.stageTimeoutMs,
      secure: this.run.secure,
      startedAt: state.startedAt,
      leaderNodeId: this.run.nodeId,
    };
    this.writes = this.writes.then(() =>
      this.store.putOpenRound(open).catch((error: Error) => this.failed(state, error)),
    );
  }

  private failed(state: RoundState, error: Error): void {
    this.logger.warn({ roundId: state.roundId, error: error.message }, 'open round: write to the store failed');
  }
}
