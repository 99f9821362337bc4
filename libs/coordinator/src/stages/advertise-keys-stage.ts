import { RoundStage, encodeAdvertisementRecords, parseSecAggAdvertiseMessage } from '@edgefl/protocol';
import { SecureStage } from './secure-stage';
import { checkClientIndex } from './check-client-index';

/**
 * Secure stage 2 (AdvertiseKeys): each cohort member sends its two fresh X25519 public keys,
 * signed with its identity key, as soon as the task arrives. Signatures are verified against
 * the identity key the client proved at enrollment (a forgery is refused, `secagg-violation`).
 * Closing forwards each advertiser the advertisements of its neighbours.
 */
export class AdvertiseKeysStage extends SecureStage {
  readonly stage = RoundStage.AdvertiseKeys;
  readonly event = 'secagg-advertise' as const;

  protected accept(_clientId: string, index: number, raw: unknown): void {
    const message = parseSecAggAdvertiseMessage(raw);
    checkClientIndex(message.clientIndex, index, this.event);
    this.secure.server.receiveAdvertisement(message);
  }

  protected close(): void {
    const { server, cohortIndex } = this.secure;
    server.closeAdvertiseKeys();
    this.requireMinReports(this.answered.length, 'advertised keys');
    for (const clientId of this.answered) {
      const advertisements = encodeAdvertisementRecords(server.advertisementsFor(cohortIndex.indexOf(clientId)));
      this.sendTo(clientId, 'secagg-adverts', { type: 'secagg-adverts', roundId: this.state.roundId, advertisements });
    }
  }
}
