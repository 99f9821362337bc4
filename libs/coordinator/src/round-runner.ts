import type { RoundStore } from '@edgefl/coordinator-store';
import { ErrorCode, ProtocolError, modelJsonPath } from '@edgefl/protocol';
import type { RunEndMessage, SecAggAbortMessage, SecAggComplaintMessage, UpdateMessage } from '@edgefl/protocol';
import { deriveSeed } from '@edgefl/random';
import { closeAttempt } from './close-attempt';
import type { AttemptResult, ClosedAttempt } from './close-attempt';
import type { CoordinatorEmitter } from './coordinator-emitter';
import type { RunSummary } from './coordinator-events';
import { RoundAbortedError } from './round-aborted-error';
import type { HeldUpdateReport } from './edge-pre-aggregator';
import type { NodePartial } from './node-partial-sum';
import type { RemotePartialCollector } from './remote-partial-collector';
import type { MaskedPartialCollector } from './masked-partial-collector';
import type { HeldMaskedInputReport, WireMaskedPartial } from './secure-edge-pre-aggregator';
import { MaskedInputStage } from './stages/masked-input-stage';
import type { RoundContext } from './round-context';
import type { RoundInbox } from './round-inbox';
import { createRoundState } from './round-state';
import type { RoundState } from './round-state';
import type { RoundTraffic } from './round-traffic';
import { runAggregateStage } from './stages/aggregate-stage';
import { runConfigureStage } from './stages/configure-stage';
import { recordComplaint } from './stages/record-complaint';
import { runSecureAggregateStage } from './stages/secure-aggregate-stage';
import { runSecureConfigureStage } from './stages/secure-configure-stage';
import { runSecureStages } from './stages/run-secure-stages';
import type { SecureStage, SecureStageEvent } from './stages/secure-stage';
import { TrainStage } from './stages/train-stage';
import { abortableDelay } from './abortable-delay';
import type { OpenRoundRecorder } from './open-round-recorder';
import { resumeAfterTakeover } from './resume-after-takeover';

/** What a {@link RoundRunner} works with; none of it is a socket. */
export interface RoundRunnerOptions {
  /** The round's context; `context.clients` is the only way to the clients. */
  context: RoundContext;
  store: RoundStore;
  traffic: RoundTraffic;
  events: CoordinatorEmitter;
  /** The initial global weights when the store holds no model yet. */
  initialWeights: () => Promise<Float32Array>;
}

/** The attempt in progress and its open stage, where inbound messages go. */
interface OpenAttempt {
  state: RoundState;
  train?: TrainStage;
  secure?: SecureStage;
}

/**
 * Runs the rounds of a run: waits for clients, runs attempts (the plain or secure stages), commits
 * each attempt and ends the run. It reaches clients only through `context.clients` (a
 * {@link ClientChannel}) and hears them only through its {@link RoundInbox} methods, so it runs the
 * same over socket.io, a shared multi-node channel, or an in-memory one in tests.
 *
 * @example
 * const runner = new RoundRunner({ context, store, traffic, events, initialWeights });
 * const summary = await runner.run();
 */
export class RoundRunner implements RoundInbox {
  /** The latest committed model version (what status pages report). */
  modelVersion = 0;
  /** Set once the run ended: told to clients that come back later. */
  runEnd?: RunEndMessage;
  /** On a node of a cluster: collects the other nodes' partial sums when a plain train stage closes (edge pre-aggregation). */
  remotePartials?: RemotePartialCollector;
  /** On a node of a cluster: collects the other nodes' masked partial sums before a secure round's survivor set goes out. */
  maskedPartials?: MaskedPartialCollector;
  /** On a node of a cluster: keeps the open attempt and its stage in the run's store. */
  openRounds?: OpenRoundRecorder;
  private open?: OpenAttempt;
  private readonly closedRounds = new Set<string>();

  constructor(private readonly options: RoundRunnerOptions) {}

  /** The state of the attempt in progress, if any. */
  get state(): RoundState | undefined {
    return this.open?.state;
  }

  get openRoundId(): string | undefined {
    return this.open?.state.roundId;
  }

  /** Runs rounds until `config.rounds` have completed (resuming from the store's latest model), then ends the run. */
  async run(): Promise<RunSummary> {
    const { context, store, events } = this.options;
    const { config, signal } = context;
    let checkpoint = await store.latestCheckpoint();
    if (!checkpoint) {
      checkpoint = { version: 0, weights: await this.options.initialWeights(), createdAt: Date.now() };
      await store.putInitialCheckpoint(checkpoint);
    }
    let weights = checkpoint.weights;
    let version = checkpoint.version;
    // A restarted run, or a node that took over the lead, goes on after every attempt the log
    // holds of the next round: a round id is never used twice.
    const resumeAfter = await resumeAfterTakeover(store);
    // Rounds before a restart are not in the ledger: count them at q = 1, an upper bound on what they spent.
    if (version > 0) context.privacy?.spendUnsampled(version);
    this.modelVersion = version;
    if (context.evaluate) {
      const evaluation = await context.evaluate(weights);
      events.emit('evaluation', { modelVersion: version, ...evaluation });
    }
    let reason: RunSummary['reason'] = 'completed';
    for (let round = version + 1; round <= config.rounds && reason === 'completed'; round++) {
      let completed = false;
      // Only attempts that quarantine nobody new count towards the limit: while each failure
      // narrows down who may be selected, the round keeps trying (docs/PROTOCOL.md, "Retries").
      let fruitless = 0;
      let cohortLimit: number | undefined;
      const firstAttempt = round === resumeAfter?.round ? resumeAfter.attempt + 1 : 1;
      for (let attempt = firstAttempt; fruitless < config.maxAttemptsPerRound && !completed; attempt++) {
        if (!(await context.clients.waitForClients(config.minReports, signal))) break;
        await this.waitForRejoins();
        const state = this.openAttempt(round, attempt, version, weights, cohortLimit);
        const traffic = this.options.traffic.start(config.simulation !== undefined);
        const outcome = await this.runStages(state);
        const closed: ClosedAttempt = await closeAttempt(context, store, events, state, traffic, outcome);
        await this.openRounds?.clear(state);
        if (outcome.result) {
          ({ weights, version } = outcome.result);
          this.modelVersion = version;
          completed = true;
        } else if (context.privacy?.spent) {
          break;
        } else {
          fruitless = closed.quarantined.length > 0 ? 0 : fruitless + 1;
          cohortLimit = closed.nextCohortLimit;
          if (fruitless < config.maxAttemptsPerRound) await abortableDelay(config.retryDelayMs, signal);
        }
      }
      if (!completed) reason = 'stopped';
    }
    return this.endRun(reason, version, weights);
  }

  private endRun(reason: RunSummary['reason'], version: number, weights: Float32Array): RunSummary {
    const { context, events } = this.options;
    const { config, privacy } = context;
    const summary: RunSummary = {
      runId: config.runId,
      reason,
      modelVersion: version,
      roundsCompleted: version,
      weights,
    };
    if (privacy) Object.assign(summary, { epsilon: privacy.epsilon, budgetSpent: privacy.spent });
    this.runEnd = {
      type: 'run-end',
      runId: config.runId,
      reason,
      modelVersion: version,
      rounds: version,
      modelUrl: modelJsonPath(version),
    };
    context.clients.broadcast('run-end', this.runEnd);
    context.logger.info({ reason, modelVersion: version }, 'run ended');
    events.emit('run-end', summary);
    return summary;
  }

  /** Simulation mode: give clients that vanished in the last round a moment to rejoin, so the next cohort does not depend on timing. */
  private async waitForRejoins(): Promise<void> {
    const { config, signal, clients } = this.options.context;
    const expected = config.simulation?.expectedClients;
    if (expected === undefined) return;
    const waited = AbortSignal.any([signal, AbortSignal.timeout(config.simulation?.rejoinWaitMs ?? 10_000)]);
    await clients.waitForClients(expected, waited);
  }

  private openAttempt(
    round: number,
    attempt: number,
    modelVersion: number,
    globalWeights: Float32Array,
    cohortLimit: number | undefined,
  ): RoundState {
    const { config } = this.options.context;
    const state = createRoundState({
      runId: config.runId,
      round,
      attempt,
      modelVersion,
      globalWeights,
      seed: deriveSeed(config.seed, 'round', round, attempt),
      cohortLimit,
    });
    this.open = { state };
    this.openRounds?.track(state);
    return state;
  }

  /** Runs the stages of the open attempt; a RoundAbortedError abandons it, anything else is a bug and propagates. */
  private async runStages(state: RoundState): Promise<AttemptResult> {
    const { context, events } = this.options;
    const open = this.open as OpenAttempt;
    const start = (): boolean =>
      events.emit('round-start', {
        round: state.round,
        attempt: state.attempt,
        roundId: state.roundId,
        cohort: state.cohort.size,
      });
    try {
      let aggregate: Awaited<ReturnType<typeof runAggregateStage>>;
      if (context.config.secure) {
        runSecureConfigureStage(context, state);
        this.maskedPartials?.announce(state);
        start();
        await runSecureStages(context, state, (stage) => (open.secure = stage), this.maskedPartials);
        if (context.signal.aborted) throw new RoundAbortedError('the coordinator is stopping');
        aggregate = await runSecureAggregateStage(context, state);
      } else {
        this.remotePartials?.announce(state);
        runConfigureStage(context, state);
        start();
        open.train = new TrainStage(context, state);
        await open.train.run();
        if (open.train.remote.size > 0) await this.remotePartials?.collect(state, open.train.remote, context.signal);
        if (context.signal.aborted) throw new RoundAbortedError('the coordinator is stopping');
        aggregate = await runAggregateStage(context, state);
      }
      return {
        result: { weights: aggregate.weights, version: state.modelVersion + 1 },
        accuracy: aggregate.evaluation?.accuracy,
        loss: aggregate.evaluation?.loss,
      };
    } catch (error) {
      if (!(error instanceof RoundAbortedError)) throw error;
      return { reason: error.reason };
    } finally {
      this.closedRounds.add(state.roundId);
      this.open = undefined;
    }
  }

  refused(): void {
    if (this.open) this.open.state.rejected++;
  }

  update(clientId: string, update: UpdateMessage): { roundId: string } {
    const open = this.open;
    if (!open?.train || update.roundId !== open.state.roundId) throw this.notOpen(update.roundId, 'update');
    open.train.acceptUpdate(clientId, update);
    this.options.events.emit('update-accepted', {
      round: open.state.round,
      roundId: update.roundId,
      clientId,
      reported: open.state.reported.length,
      goal: this.options.context.config.clientsPerRound,
      payloadBytes: update.payload.byteLength,
    });
    return { roundId: update.roundId };
  }

  /** An update another node checked and holds for the open round (edge pre-aggregation); throws the refusal. */
  heldUpdate(report: HeldUpdateReport): void {
    const open = this.open;
    if (!open?.train || report.roundId !== open.state.roundId) throw this.notOpen(report.roundId, 'update');
    open.train.acceptHeld(report.nodeId, report);
    this.options.events.emit('update-accepted', {
      round: open.state.round,
      roundId: report.roundId,
      clientId: report.clientId,
      reported: open.state.reported.length,
      goal: this.options.context.config.clientsPerRound,
      payloadBytes: report.payloadBytes,
    });
  }

  /** A node's partial sum arrived (edge pre-aggregation). */
  nodePartial(partial: NodePartial): void {
    this.remotePartials?.receive(partial);
  }

  /** A masked input another node checked and holds for the open secure round (edge pre-aggregation); throws the refusal. */
  heldMaskedInput(report: HeldMaskedInputReport): void {
    const open = this.open;
    if (!(open?.secure instanceof MaskedInputStage) || report.roundId !== open.state.roundId)
      throw this.notOpen(report.roundId, 'secagg-masked-input');
    const receipt = open.secure.receiveHeld(report);
    if (receipt) {
      this.options.events.emit('update-accepted', {
        round: open.state.round,
        roundId: open.state.roundId,
        clientId: report.clientId,
        reported: open.state.reported.length,
        goal: this.options.context.config.clientsPerRound,
        payloadBytes: receipt.payloadBytes,
      });
    }
  }

  /** A node's masked partial sum arrived (secure edge pre-aggregation). */
  maskedPartial(partial: WireMaskedPartial): void {
    this.maskedPartials?.receive(partial);
  }

  secureMessage(clientId: string, event: SecureStageEvent, raw: unknown): { roundId: string } {
    const open = this.open;
    // Routing only: the open stage parses the message.
    const roundId = (raw as { roundId?: unknown } | null)?.roundId;
    if (!open?.secure || roundId !== open.state.roundId) throw this.notOpen(roundId, event);
    const receipt = open.secure.receive(clientId, event, raw);
    if (receipt) {
      this.options.events.emit('update-accepted', {
        round: open.state.round,
        roundId: open.state.roundId,
        clientId,
        reported: open.state.reported.length,
        goal: this.options.context.config.clientsPerRound,
        payloadBytes: receipt.payloadBytes,
      });
    }
    return { roundId: open.state.roundId };
  }

  secureAbort(clientId: string, abort: SecAggAbortMessage): { roundId: string } {
    const open = this.open;
    if (open?.secure && abort.roundId === open.state.roundId && open.state.cohort.has(clientId)) {
      this.options.context.logger.warn(
        { clientId, roundId: abort.roundId, stage: abort.stage, reason: abort.reason },
        'client aborted the secure round',
      );
      open.secure.dropClient(clientId);
    }
    return { roundId: abort.roundId };
  }

  complaint(clientId: string, complaint: SecAggComplaintMessage): { roundId: string } {
    recordComplaint(this.open?.state, clientId, complaint);
    this.options.context.logger.warn(
      { clientId, roundId: complaint.roundId, accused: complaint.accused, kind: complaint.kind },
      'client complained',
    );
    return { roundId: complaint.roundId };
  }

  clientLeft(clientId: string): void {
    this.open?.train?.clientLeft(clientId);
    this.open?.secure?.dropClient(clientId);
  }

  /** The refusal of a message for a round that is not the open one: late for a closed round, else wrong. */
  private notOpen(roundId: unknown, event: string): ProtocolError {
    if (typeof roundId === 'string' && this.closedRounds.has(roundId))
      return new ProtocolError(ErrorCode.LateReport, `round ${roundId} is closed`);
    return new ProtocolError(
      ErrorCode.WrongRound,
      event === 'update'
        ? `update.roundId ${String(roundId)} is not an open round`
        : `${event}.roundId is not an open secure round`,
    );
  }
}
