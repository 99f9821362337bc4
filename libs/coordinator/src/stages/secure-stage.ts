import { ErrorCode, ProtocolError, RoundStage } from '@edgefl/protocol';
import type { ClientToServerEvents } from '@edgefl/protocol';
import { SecAggError, minimumSurvivors } from '@edgefl/secagg';
import { RoundAbortedError } from '../round-aborted-error';
import type { ServerEvent, ServerMessage } from '../client-channel';
import type { RoundContext } from '../round-context';
import type { RoundState } from '../round-state';
import type { SecureRoundState } from '../secure-round-state';

/** The client-to-coordinator stage messages of a secure round (`secagg-abort` and `secagg-complaint` are not: they may come at any stage). */
export type SecureStageEvent = Exclude<
  Extract<keyof ClientToServerEvents, `secagg-${string}`>,
  'secagg-abort' | 'secagg-complaint'
>;

/** The stage messages in protocol order. */
export const SECURE_STAGE_EVENTS: readonly SecureStageEvent[] = [
  'secagg-advertise',
  'secagg-shares',
  'secagg-masked-input',
  'secagg-signature',
  'secagg-reveal',
];

/** A client's input to the round was accepted (the masked input): its size on the wire, for `update-accepted`. */
export interface ReportReceipt {
  payloadBytes: number;
}

/**
 * One stage of a secure round: it waits for one message (`event`) from each expected client
 * until all answered or dropped, or its deadline passes; then `close` ends the SecAgg stage
 * (fewer than t left: the attempt is abandoned) and sends each client what the next stage needs.
 * A client whose message is refused, that disconnects or that aborts counts as dropped.
 * Subclasses implement one stage each (`advertise-keys-stage.ts` ...).
 */
export abstract class SecureStage {
  abstract readonly stage: RoundStage;
  abstract readonly event: SecureStageEvent;
  /** Clients that answered, in arrival order. */
  readonly answered: string[] = [];
  private readonly pending: Set<string>;
  private finish: (why: string) => void = () => undefined;
  private readonly done: Promise<string>;
  private closed = false;
  private openedAt = Date.now();
  private graceTimer?: NodeJS.Timeout;

  constructor(
    protected readonly context: RoundContext,
    protected readonly state: RoundState,
    expected: Iterable<string>,
    private readonly timeoutMs: number,
  ) {
    this.pending = new Set([...expected].filter((clientId) => !state.dropped.has(clientId)));
    this.done = new Promise((resolve) => {
      this.finish = resolve;
    });
  }

  protected get secure(): SecureRoundState {
    if (!this.state.secure) throw new TypeError('a secure stage needs state.secure');
    return this.state.secure;
  }

  /** Runs the stage to its end; throws RoundAbortedError when the round cannot go on. */
  async run(): Promise<void> {
    this.state.stage = this.stage;
    this.openedAt = Date.now();
    const timer = setTimeout(() => this.end('deadline'), Math.max(1, this.timeoutMs));
    const onAbort = (): void => this.end('stopped');
    this.context.signal.addEventListener('abort', onAbort, { once: true });
    this.checkComplete();
    const why = await this.done;
    clearTimeout(timer);
    clearTimeout(this.graceTimer);
    this.context.signal.removeEventListener('abort', onAbort);
    // Silent clients missed the deadline: they are dropouts of this stage.
    for (const clientId of this.pending) this.state.dropped.add(clientId);
    this.context.logger.info(
      {
        roundId: this.state.roundId,
        stage: this.stage,
        why,
        answered: this.answered.length,
        dropped: this.state.dropped.size,
      },
      'secure stage closed',
    );
    if (why === 'stopped') throw new RoundAbortedError('the coordinator is stopping');
    try {
      await this.beforeClose();
      if (this.context.signal.aborted) throw new RoundAbortedError('the coordinator is stopping');
      this.close();
    } catch (error) {
      if (error instanceof SecAggError) throw new RoundAbortedError(`secure aggregation: ${error.message}`);
      throw error;
    }
  }

  /**
   * Takes one message of a cohort member for this round (the round runner routed it here by its
   * roundId), or throws the ProtocolError to answer with. Returns a receipt when the message was
   * the client's input to the round.
   */
  receive(clientId: string, event: SecureStageEvent, raw: unknown): ReportReceipt | undefined {
    return this.admit(clientId, event, (index) => this.accept(clientId, index, raw));
  }

  /** The checks of {@link receive} (event, cohort, duplicate, open), then `accept`; a refusal drops the client. */
  protected admit(
    clientId: string,
    event: SecureStageEvent,
    accept: (index: number) => ReportReceipt | void,
  ): ReportReceipt | undefined {
    if (event !== this.event) {
      const late = SECURE_STAGE_EVENTS.indexOf(event) < SECURE_STAGE_EVENTS.indexOf(this.event);
      throw new ProtocolError(
        late ? ErrorCode.LateReport : ErrorCode.SecAggViolation,
        `${event} is not accepted in stage ${this.stage} of round ${this.state.roundId}`,
      );
    }
    if (!this.state.cohort.has(clientId))
      throw new ProtocolError(
        ErrorCode.WrongRound,
        `client ${clientId} was not selected for round ${this.state.roundId}`,
      );
    if (this.answered.includes(clientId))
      throw new ProtocolError(
        ErrorCode.DuplicateReport,
        `client ${clientId} already sent ${event} in round ${this.state.roundId}`,
      );
    if (!this.pending.has(clientId) || this.closed) {
      throw new ProtocolError(
        ErrorCode.LateReport,
        `client ${clientId} is not expected in stage ${this.stage} of round ${this.state.roundId}`,
      );
    }
    const index = this.secure.cohortIndex.indexOf(clientId);
    let receipt: ReportReceipt | undefined;
    try {
      receipt = accept(index) ?? undefined;
    } catch (error) {
      // A refused stage message leaves the client's SecAgg state unusable: it is out of the round,
      // and it is evidence against it (every check here is one an honest client always passes).
      this.dropClient(clientId);
      this.state.blame.evidence.set(clientId, `${event} refused: ${(error as Error).message}`);
      if (error instanceof ProtocolError) throw error;
      if (error instanceof SecAggError || error instanceof RangeError || error instanceof TypeError) {
        throw new ProtocolError(ErrorCode.SecAggViolation, `${event} of client ${clientId} refused: ${error.message}`);
      }
      throw error;
    }
    this.pending.delete(clientId);
    this.answered.push(clientId);
    this.checkComplete();
    return receipt;
  }

  /** A cohort member disconnected or aborted: it is dropped from the round. */
  dropClient(clientId: string): void {
    if (!this.state.cohort.has(clientId)) return;
    this.state.dropped.add(clientId);
    if (this.closed) return;
    this.pending.delete(clientId);
    this.checkComplete();
  }

  /** Parses and applies one message; throws on a bad one. A stage whose message is the client's input returns its receipt. */
  protected abstract accept(clientId: string, index: number, raw: unknown): ReportReceipt | void;

  /** Runs once the wait ended, before {@link close} (MaskedInput: collects the other nodes' partial sums). */
  protected async beforeClose(): Promise<void> {
    // Nothing to do by default.
  }

  /** Ends the SecAgg stage and sends the next stage's messages; SecAggError aborts the round. */
  protected abstract close(): void;

  /** Sends `event` to a cohort member that has not dropped, if it is still connected. */
  protected sendTo<E extends ServerEvent>(clientId: string, event: E, message: ServerMessage<E>): void {
    if (!this.state.dropped.has(clientId)) this.context.clients.send(clientId, event, message);
  }

  /** Abandons the attempt when fewer than `minReports` clients are left (their sum would be too small a round). */
  protected requireMinReports(left: number, what: string): void {
    if (left < this.context.config.minReports) {
      this.secure.server.abort();
      throw new RoundAbortedError(`only ${left} clients ${what}, the round needs ${this.context.config.minReports}`);
    }
  }

  /**
   * Whether the stage has what the round needs to go on, so that the rest only get a grace period
   * (adaptive deadline, docs/PROTOCOL.md "Stage deadlines"): by default max(t + 1, minReports) answers
   * (the threshold rule, `minimumSurvivors`).
   */
  protected enough(): boolean {
    return (
      this.answered.length >= Math.max(minimumSurvivors(this.secure.server.threshold), this.context.config.minReports)
    );
  }

  /** When the work of this stage started, for the grace period: the stage's opening by default. */
  protected graceFrom(): number {
    return this.openedAt;
  }

  private checkComplete(): void {
    if (this.pending.size === 0) return this.end('all answered');
    const { stageGraceFactor, stageGraceMinMs, simulation } = this.context.config;
    // Simulation mode waits for every member or the deadline, as its train stage does: a grace scaled to
    // wall-clock time would let the simulator's own scheduling (clients queued on a busy thread) pick the survivors.
    if (simulation?.canonicalOrder) return;
    if (this.graceTimer !== undefined || this.closed || stageGraceFactor === 0 || !this.enough()) return;
    const grace = Math.max(stageGraceMinMs, stageGraceFactor * (Date.now() - this.graceFrom()));
    this.graceTimer = setTimeout(() => this.end('grace period over'), grace);
  }

  private end(why: string): void {
    if (this.closed) return;
    this.closed = true;
    this.finish(why);
  }
}
