import { ErrorCode, ProtocolError, RoundStage } from '@edgefl/protocol';
import type { UpdateMessage } from '@edgefl/protocol';
import { boundUpdate } from '../bound-update';
import { decodeUpdatePayload } from '../decode-update-payload';
import type { RoundContext } from '../round-context';
import type { RoundState } from '../round-state';

/**
 * Stage 2: wait for the cohort's updates until the goal count has reported, every member has
 * reported or dropped, or the deadline passes. Each accepted update is folded into the
 * weighted sum at once; stragglers are ignored and later reports are refused as late.
 */
export class TrainStage {
  private finish: () => void = () => undefined;
  private readonly done: Promise<void>;
  private timer?: NodeJS.Timeout;
  private graceTimer?: NodeJS.Timeout;

  constructor(
    private readonly context: RoundContext,
    private readonly state: RoundState,
  ) {
    this.done = new Promise((resolve) => {
      this.finish = resolve;
    });
  }

  /** Resolves when the stage is over; never rejects. */
  run(): Promise<void> {
    this.timer = setTimeout(() => this.close('deadline'), this.context.config.roundTimeoutMs);
    const onAbort = (): void => this.close('stopped');
    this.context.signal.addEventListener('abort', onAbort, { once: true });
    this.checkComplete();
    return this.done.finally(() => this.context.signal.removeEventListener('abort', onAbort));
  }

  /** Applies one update or throws the {@link ProtocolError} to send back. */
  acceptUpdate(clientId: string, message: UpdateMessage): void {
    const { state } = this;
    if (message.roundId !== state.roundId) {
      throw new ProtocolError(ErrorCode.WrongRound, `update.roundId ${message.roundId} is not the open round ${state.roundId}`);
    }
    if (state.stage !== RoundStage.Train) {
      throw new ProtocolError(ErrorCode.LateReport, `round ${state.roundId} no longer accepts updates`);
    }
    if (!state.cohort.has(clientId)) {
      throw new ProtocolError(ErrorCode.WrongRound, `client ${clientId} was not selected for round ${state.roundId}`);
    }
    if (state.reported.includes(clientId)) {
      throw new ProtocolError(ErrorCode.DuplicateReport, `client ${clientId} already reported for round ${state.roundId}`);
    }
    if (state.dropped.has(clientId)) {
      throw new ProtocolError(ErrorCode.LateReport, `client ${clientId} missed the deadline of round ${state.roundId}`);
    }
    if (message.modelVersion !== state.modelVersion) {
      throw new ProtocolError(ErrorCode.WrongRound, `update.modelVersion ${message.modelVersion} is not the round's ${state.modelVersion}`);
    }
    const { defence } = this.context.config;
    const decoded = decodeUpdatePayload(message, this.context.config.encoding, state.globalWeights.length);
    const { delta, weight, norm, clipped } = boundUpdate(decoded, message.numSamples, defence);
    if (clipped) this.context.logger.warn({ roundId: state.roundId, clientId, norm, bound: defence.maxUpdateNorm }, 'update clipped to the norm bound');
    if (defence.aggregator.kind === 'fedavg') {
      const sum = state.weightedSum;
      for (let i = 0; i < delta.length; i++) sum[i] += weight * delta[i];
    } else {
      // Robust aggregators need every update at once: kept until the aggregate stage.
      (state.updates ??= []).push({ delta, weight });
    }
    state.totalWeight += weight;
    const trainLoss = message.metrics?.loss;
    if (trainLoss !== undefined && Number.isFinite(trainLoss)) {
      state.trainLossSum += weight * trainLoss;
      state.trainLossWeight += weight;
    }
    state.reported.push(clientId);
    this.checkComplete();
  }

  /** A cohort member left: it counts as dropped and may end the stage early. */
  clientLeft(clientId: string): void {
    if (!this.state.cohort.has(clientId) || this.state.reported.includes(clientId)) return;
    this.state.dropped.add(clientId);
    this.checkComplete();
  }

  private checkComplete(): void {
    const { state, context } = this;
    if (state.reported.length >= context.config.clientsPerRound) return this.close('goal reached');
    if (state.reported.length + state.dropped.size >= state.cohort.size) return this.close('cohort exhausted');
    // Adaptive deadline: with minReports in, the rest get a grace period scaled to the time that took.
    const { stageGraceFactor, stageGraceMinMs, minReports } = context.config;
    if (this.graceTimer !== undefined || stageGraceFactor === 0 || state.reported.length < minReports || state.stage !== RoundStage.Train) return;
    const grace = Math.max(stageGraceMinMs, stageGraceFactor * (Date.now() - state.startedAt));
    this.graceTimer = setTimeout(() => this.close('grace period over'), grace);
  }

  private close(why: string): void {
    if (this.state.stage !== RoundStage.Train) return;
    clearTimeout(this.timer);
    clearTimeout(this.graceTimer);
    // Once the goal is met the over-selected rest is simply not needed; otherwise a silent member dropped out.
    if (why !== 'goal reached') {
      for (const clientId of this.state.cohort) {
        if (!this.state.reported.includes(clientId)) this.state.dropped.add(clientId);
      }
    }
    this.state.stage = RoundStage.Aggregate;
    this.context.logger.info(
      { roundId: this.state.roundId, why, reported: this.state.reported.length, dropped: this.state.dropped.size },
      'training stage closed',
    );
    this.finish();
  }
}
