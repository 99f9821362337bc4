import { RoundStage, encodeShareRecords, parseSecAggSharesMessage } from '@edgefl/protocol';
import { SecureStage } from './secure-stage';
import { checkClientIndex } from './check-client-index';

/**
 * Secure stage 3 (ShareKeys): each advertiser sends one nacl.box per advertised neighbour,
 * holding its Shamir shares of its self-mask seed and mask key. The coordinator cannot open
 * them; it checks that they go to exactly the sender's advertised neighbours and routes them.
 */
export class ShareKeysStage extends SecureStage {
  readonly stage = RoundStage.ShareKeys;
  readonly event = 'secagg-shares' as const;

  protected accept(_clientId: string, index: number, raw: unknown): void {
    const message = parseSecAggSharesMessage(raw);
    checkClientIndex(message.clientIndex, index, this.event);
    this.secure.server.receiveShares(message);
  }

  protected close(): void {
    const { server, cohortIndex } = this.secure;
    server.closeShareKeys();
    this.requireMinReports(this.answered.length, 'shared keys');
    for (const clientId of this.answered) {
      const shares = encodeShareRecords(server.sharesFor(cohortIndex.indexOf(clientId)).shares, this.state.roundId);
      this.sendTo(clientId, 'secagg-share-delivery', {
        type: 'secagg-share-delivery',
        roundId: this.state.roundId,
        shares,
      });
    }
  }
}
