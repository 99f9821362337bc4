import { encodeSignatureRecords } from '@edgefl/protocol';
import type { SecAggUnmaskMessage } from '@edgefl/protocol';
import type { SecAggServerRound } from '@edgefl/secagg';

/**
 * The `secagg-unmask` for one survivor (cohort index `index`): the peers to reveal for and, when
 * the round runs the consistency check, the delivery the client verifies first (the survivor set
 * it signed and its neighbours' signatures on it, as 68-byte records).
 *
 * @example
 * channel.send(clientId, 'secagg-unmask', unmaskMessageFor(server, roundId, 3));
 */
export function unmaskMessageFor(server: SecAggServerRound, roundId: string, index: number): SecAggUnmaskMessage {
  const request = server.unmaskRequestFor(index);
  const message: SecAggUnmaskMessage = {
    type: 'secagg-unmask',
    roundId,
    survivors: [...request.survivors],
    dropouts: [...request.dropouts],
  };
  if (server.consistencyCheck) {
    const delivery = server.consistencyDeliveryFor(index);
    message.consistency = {
      survivors: [...delivery.survivors],
      signatures: encodeSignatureRecords(delivery.signatures),
    };
  }
  return message;
}
