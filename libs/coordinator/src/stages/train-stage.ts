import { ErrorCode, ProtocolError, RoundStage } from '@edgefl/protocol';
import type { UpdateMessage } from '@edgefl/protocol';
import { clipToL2Norm } from '@edgefl/privacy';
import { boundUpdate } from '../bound-update';
import { decodeUpdatePayload } from '../decode-update-payload';
import type { HeldUpdateReport } from '../edge-pre-aggregator';
import type { RemoteContributions } from '../remote-partial-collector';
import type { RoundContext } from '../round-context';
import type { RoundState } from '../round-state';
import { canonicalRank } from '../simulation-mode';

/** An accepted update held until the stage closes (simulation mode's canonical order). */
interface HeldUpdate {
  delta: Float32Array;
  weight: number;
  loss?: number;
}

/**
 * Stage 2: wait for the cohort's updates until the goal count has reported, every member has
 * reported or dropped, or the deadline passes. Each accepted update is folded into the
 * weighted sum at once; stragglers are ignored and later reports are refused as late.
 *
 * In simulation mode (`config.simulation.canonicalOrder`) arrival order does not matter: updates
 * are held until every cohort member has reported or dropped (or the deadline), then the first
 * `clientsPerRound` reporters in `canonicalRank` order (the seed's "fast" clients) are folded, in
 * that order; the rest of the over-selected cohort is surplus, as in a real round.
 */
export class TrainStage {
  private finish: () => void = () => undefined;
  private readonly done: Promise<void>;
  private timer?: NodeJS.Timeout;
  private graceTimer?: NodeJS.Timeout;
  /** Simulation mode only: accepted updates by client, and the cohort in canonical order. */
  private readonly held?: Map<string, HeldUpdate>;
  private readonly ranked?: string[];
  /** Edge pre-aggregation: the accepted updates other nodes hold, by node and client. */
  readonly remote: RemoteContributions = new Map();

  constructor(
    private readonly context: RoundContext,
    private readonly state: RoundState,
  ) {
    this.done = new Promise((resolve) => {
      this.finish = resolve;
    });
    if (context.config.simulation?.canonicalOrder) {
      this.held = new Map();
      this.ranked = canonicalRank(state.seed, state.cohort);
    }
  }

  /** Resolves when the stage is over; never rejects. */
  run(): Promise<void> {
    this.timer = setTimeout(() => this.close('deadline'), this.context.config.roundTimeoutMs);
    const onAbort = (): void => this.close('stopped');
    this.context.signal.addEventListener('abort', onAbort, { once: true });
    this.checkComplete();
    return this.done.finally(() => this.context.signal.removeEventListener('abort', onAbort));
  }

  /**
   * Applies one update for this round (the round runner routed it here by its roundId) or throws
   * the {@link ProtocolError} to send back.
   */
  acceptUpdate(clientId: string, message: UpdateMessage): void {
    this.admit(clientId, message.modelVersion);
    const { state } = this;
    const { defence, dp } = this.context.config;
    let delta: Float32Array;
    let weight: number;
    try {
      const decoded = decodeUpdatePayload(
        message,
        this.context.config.encoding,
        state.globalWeights.length,
        state.pruningMask,
      );
      const bounded = boundUpdate(decoded, message.numSamples, defence);
      if (bounded.clipped)
        this.context.logger.warn(
          { roundId: state.roundId, clientId, norm: bounded.norm, bound: defence.maxUpdateNorm },
          'update clipped to the norm bound',
        );
      ({ delta, weight } = bounded);
      if (dp) {
        // DP-FedAvg (McMahan et al. 2018): each update clipped to L2 norm C and weighted 1, not n_k.
        const clip = state.dp?.clip ?? dp.clip;
        const clipped = clipToL2Norm(delta, clip);
        if (state.dp && clipped.norm <= clip) state.dp.unclipped++;
        delta = clipped.clipped;
        weight = 1;
      }
    } catch (error) {
      // Simulation mode waits for every member: one whose update is refused is out of the round.
      if (this.held) {
        state.dropped.add(clientId);
        this.checkComplete();
      }
      throw error;
    }
    if (this.held) {
      this.held.set(clientId, { delta, weight, loss: message.metrics?.loss });
      this.checkComplete();
      return;
    }
    this.fold(clientId, { delta, weight, loss: message.metrics?.loss });
    this.checkComplete();
  }

  /**
   * An update another node checked and holds (edge pre-aggregation): admitted by the same rules as
   * {@link acceptUpdate}, counted as reported, and recorded in {@link remote} until the node's
   * partial sum is collected when the stage closes.
   */
  acceptHeld(nodeId: string, report: HeldUpdateReport): void {
    if (this.held) {
      throw new ProtocolError(ErrorCode.InvalidUpdate, 'simulation mode folds every update on the leader');
    }
    this.admit(report.clientId, report.modelVersion);
    const { state } = this;
    let node = this.remote.get(nodeId);
    if (node === undefined) this.remote.set(nodeId, (node = new Map()));
    const { weight, loss } = report;
    node.set(report.clientId, loss !== undefined && Number.isFinite(loss) ? { weight, loss } : { weight });
    if (loss !== undefined && Number.isFinite(loss)) {
      state.trainLossSum += weight * loss;
      state.trainLossWeight += weight;
    }
    state.reported.push(report.clientId);
    this.checkComplete();
  }

  /** The round's rules for any report: open train stage, cohort member, once, not dropped, on the round's model. */
  private admit(clientId: string, modelVersion: number): void {
    const { state } = this;
    if (state.stage !== RoundStage.Train) {
      throw new ProtocolError(ErrorCode.LateReport, `round ${state.roundId} no longer accepts updates`);
    }
    if (!state.cohort.has(clientId)) {
      throw new ProtocolError(ErrorCode.WrongRound, `client ${clientId} was not selected for round ${state.roundId}`);
    }
    if (state.reported.includes(clientId) || this.held?.has(clientId)) {
      throw new ProtocolError(
        ErrorCode.DuplicateReport,
        `client ${clientId} already reported for round ${state.roundId}`,
      );
    }
    if (state.dropped.has(clientId)) {
      throw new ProtocolError(ErrorCode.LateReport, `client ${clientId} missed the deadline of round ${state.roundId}`);
    }
    if (modelVersion !== state.modelVersion) {
      throw new ProtocolError(
        ErrorCode.WrongRound,
        `update.modelVersion ${modelVersion} is not the round's ${state.modelVersion}`,
      );
    }
  }

  /** Counts one accepted update: into the weighted sum (FedAvg), or kept for a robust aggregator. */
  private fold(clientId: string, { delta, weight, loss }: HeldUpdate): void {
    const { state } = this;
    if (this.context.config.defence.aggregator.kind === 'fedavg') {
      state.sum.add(delta, weight);
    } else {
      // Robust aggregators need every update at once: kept until the aggregate stage.
      (state.updates ??= []).push({ delta, weight });
    }
    if (loss !== undefined && Number.isFinite(loss)) {
      state.trainLossSum += weight * loss;
      state.trainLossWeight += weight;
    }
    state.reported.push(clientId);
  }

  /** Simulation mode: the first `clientsPerRound` members in canonical order that reported (the "fast" ones). */
  private canonicalChoice(): Array<readonly [string, HeldUpdate]> {
    const chosen: Array<readonly [string, HeldUpdate]> = [];
    for (const clientId of this.ranked ?? []) {
      const update = this.held?.get(clientId);
      if (update !== undefined) chosen.push([clientId, update]);
    }
    return chosen.slice(0, this.context.config.clientsPerRound);
  }

  /** Simulation mode: folds the chosen updates in canonical order. */
  private foldCanonical(): void {
    for (const [clientId, update] of this.canonicalChoice()) this.fold(clientId, update);
  }

  /** A cohort member left: it counts as dropped and may end the stage early. */
  clientLeft(clientId: string): void {
    if (!this.state.cohort.has(clientId) || this.state.reported.includes(clientId) || this.held?.has(clientId)) return;
    this.state.dropped.add(clientId);
    this.checkComplete();
  }

  private checkComplete(): void {
    const { state, context } = this;
    if (this.held) {
      // Every member's upload (or drop) belongs to this round, so the round's bytes do not depend on timing either.
      if (this.held.size + state.dropped.size >= state.cohort.size) return this.close('cohort exhausted');
      return;
    }
    if (state.reported.length >= context.config.clientsPerRound) return this.close('goal reached');
    if (state.reported.length + state.dropped.size >= state.cohort.size) return this.close('cohort exhausted');
    // Adaptive deadline: with minReports in, the rest get a grace period scaled to the time that took.
    const { stageGraceFactor, stageGraceMinMs, minReports } = context.config;
    if (
      this.graceTimer !== undefined ||
      stageGraceFactor === 0 ||
      state.reported.length < minReports ||
      state.stage !== RoundStage.Train
    )
      return;
    const grace = Math.max(stageGraceMinMs, stageGraceFactor * (Date.now() - state.startedAt));
    this.graceTimer = setTimeout(() => this.close('grace period over'), grace);
  }

  /** `goal-met` to the members still training: their uploads would only be refused as late. */
  private tellGoalMet(): void {
    const { state, context } = this;
    for (const clientId of state.cohort) {
      if (state.reported.includes(clientId) || state.dropped.has(clientId)) continue;
      context.clients.send(clientId, 'goal-met', { type: 'goal-met', roundId: state.roundId, round: state.round });
    }
  }

  private close(why: string): void {
    if (this.state.stage !== RoundStage.Train) return;
    clearTimeout(this.timer);
    clearTimeout(this.graceTimer);
    if (this.held) {
      // A member still out at the deadline dropped; then the chosen ones are final.
      if (why === 'deadline')
        for (const clientId of this.state.cohort) if (!this.held.has(clientId)) this.state.dropped.add(clientId);
      this.foldCanonical();
    }
    // Once the goal is met the over-selected rest is simply not needed (told so, so that it does not
    // upload for nothing); otherwise a silent member dropped out.
    if (why === 'goal reached') this.tellGoalMet();
    if (why !== 'goal reached') {
      for (const clientId of this.state.cohort) {
        if (!this.state.reported.includes(clientId) && !this.held?.has(clientId)) this.state.dropped.add(clientId);
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
