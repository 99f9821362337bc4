import { RoundStage, parseSecAggMaskedInputMessage } from '@edgefl/protocol';
import { unpackMaskedVector } from '@edgefl/secagg';
import { SecureStage } from './secure-stage';
import type { ReportReceipt } from './secure-stage';
import { checkClientIndex } from './check-client-index';
import { unmaskMessageFor } from './unmask-message-for';

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
