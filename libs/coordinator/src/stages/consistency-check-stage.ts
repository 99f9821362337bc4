import { RoundStage, parseSecAggSignatureMessage } from '@edgefl/protocol';
import { SecureStage } from './secure-stage';
import { checkClientIndex } from './check-client-index';
import { unmaskMessageFor } from './unmask-message-for';

/**
 * Secure stage 5 of rounds with the consistency check (the default; docs/SECAGG.md, "Consistency
 * check"): each survivor signs the survivor set U3 it got in `secagg-consistency` with its identity
 * key and sends `secagg-signature`. Signatures are verified against the keys proved at enrollment
 * (a forgery is refused, `secagg-violation`). Survivors that do not sign by the deadline are
 * dropouts of this stage, but their inputs stay in the sum. Closing with fewer than t signers
 * abandons the attempt before anything is unmasked; otherwise each signer gets its unmask request
 * together with the set and its neighbours' signatures, which it checks before revealing.
 */
export class ConsistencyCheckStage extends SecureStage {
  readonly stage = RoundStage.ConsistencyCheck;
  readonly event = 'secagg-signature' as const;

  protected accept(_clientId: string, index: number, raw: unknown): void {
    const message = parseSecAggSignatureMessage(raw);
    checkClientIndex(message.clientIndex, index, this.event);
    this.secure.server.receiveConsistencySignature(message);
  }

  protected close(): void {
    const { server, cohortIndex } = this.secure;
    server.closeConsistencyCheck();
    const roundId = this.state.roundId;
    for (const clientId of this.answered) {
      const message = unmaskMessageFor(server, roundId, cohortIndex.indexOf(clientId));
      this.sendTo(clientId, 'secagg-unmask', message);
    }
  }
}
