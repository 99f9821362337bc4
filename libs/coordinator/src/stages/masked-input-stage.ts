import { RoundStage, parseSecAggMaskedInputMessage } from '@edgefl/protocol';
import { unpackMaskedVector } from '@edgefl/secagg';
import { SecureStage } from './secure-stage';
import type { ReportReceipt } from './secure-stage';
import { checkClientIndex } from './check-client-index';
import { unmaskMessageFor } from './unmask-message-for';
import type { RoundContext } from '../round-context';
import type { RoundState } from '../round-state';
import type { MaskedPartialCollector } from '../masked-partial-collector';
import type { HeldMaskedInputReport } from '../secure-edge-pre-aggregator';

/**
 * Secure stage 4 (MaskedInput): each sharer trains, quantizes its weighted delta on the round's
 * grid, masks it and uploads y packed at m bits. The coordinator keeps y only inside the SecAgg
 * round (it looks uniform on its own). Its deadline is the round's reporting deadline, counted
 * from the task. Closing sends each survivor the survivor set to sign (`secagg-consistency`) when
 * the round runs the consistency check, else its unmask request; with fewer than t (or
 * minReports) survivors the attempt is abandoned and nothing is unmasked.
 */
export class MaskedInputStage extends SecureStage {
  readonly stage = RoundStage.MaskedInput;
  readonly event = 'secagg-masked-input' as const;
  /** Masked inputs other nodes checked and hold (edge pre-aggregation): node id -> clients, in arrival order. */
  readonly remote = new Map<string, string[]>();

  constructor(
    context: RoundContext,
    state: RoundState,
    expected: Iterable<string>,
    timeoutMs: number,
    private readonly partials?: MaskedPartialCollector,
  ) {
    super(context, state, expected, timeoutMs);
  }

  /** A masked input another node checked and holds: counted in U3 like one received here; its y comes in the node's partial. */
  receiveHeld(report: HeldMaskedInputReport): ReportReceipt | undefined {
    return this.admit(report.clientId, this.event, (index) => {
      if (this.partials === undefined) throw new RangeError('this node does not collect masked partial sums');
      checkClientIndex(report.clientIndex, index, this.event);
      this.secure.server.receiveHeldMaskedInput(index);
      this.state.reported.push(report.clientId);
      const held = this.remote.get(report.nodeId) ?? [];
      held.push(report.clientId);
      this.remote.set(report.nodeId, held);
      return { payloadBytes: report.payloadBytes };
    });
  }

  protected accept(clientId: string, index: number, raw: unknown): ReportReceipt {
    const message = parseSecAggMaskedInputMessage(raw, this.context.config.limits);
    checkClientIndex(message.clientIndex, index, this.event);
    const { server, modulusBits, vectorLength } = this.secure;
    server.receiveMaskedInput(index, unpackMaskedVector(message.maskedVector, modulusBits, vectorLength));
    this.state.reported.push(clientId);
    return { payloadBytes: message.maskedVector.byteLength };
  }

  /** Training started with the task: the grace period scales with the whole time to the t-th upload. */
  protected override graceFrom(): number {
    return this.state.startedAt;
  }

  /**
   * Before U3 goes out: the partial sums of the nodes holding masked inputs. A node whose partial is
   * missing or refused has its clients dropped here, while they can still be dropouts.
   */
  protected override async beforeClose(): Promise<void> {
    if (this.remote.size === 0 || this.partials === undefined) return;
    const dropped = new Set(await this.partials.collect(this.state, this.remote, this.context.signal));
    if (dropped.size === 0) return;
    for (const clientId of dropped) this.state.dropped.add(clientId);
    this.answered.splice(0, this.answered.length, ...this.answered.filter((clientId) => !dropped.has(clientId)));
    this.state.reported = this.state.reported.filter((clientId) => !dropped.has(clientId));
  }

  protected close(): void {
    const { server, cohortIndex } = this.secure;
    server.closeMaskedInput();
    this.requireMinReports(this.answered.length, 'sent masked inputs');
    const roundId = this.state.roundId;
    for (const clientId of this.answered) {
      const index = cohortIndex.indexOf(clientId);
      if (server.consistencyCheck) {
        const { survivors } = server.consistencyRequestFor(index);
        this.sendTo(clientId, 'secagg-consistency', { type: 'secagg-consistency', roundId, survivors: [...survivors] });
      } else {
        const message = unmaskMessageFor(server, roundId, index);
        this.sendTo(clientId, 'secagg-unmask', message);
      }
    }
  }
}
