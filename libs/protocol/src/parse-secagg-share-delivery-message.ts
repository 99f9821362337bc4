import { readBinary, readId, readLiteral, readRecord } from './field-readers';
import type { ParsedSecAggShareDelivery } from './secagg-server-messages';
import { decodeShareRecords } from './secagg-record-codec';

/**
 * Validates a `secagg-share-delivery` from the coordinator: distinct senders, ciphertexts of the
 * exact size for the round id.
 *
 * @throws ProtocolError `invalid-message` naming the first bad field, `secagg-violation` for a repeated sender.
 * @example
 * const { shares } = parseSecAggShareDeliveryMessage(input); // shares[i] = { peer: sender, ciphertext }
 */
export function parseSecAggShareDeliveryMessage(input: unknown): ParsedSecAggShareDelivery {
  const source = readRecord(input, 'secagg-share-delivery');
  const type = readLiteral(source, 'type', ['secagg-share-delivery']);
  const roundId = readId(source, 'roundId');
  return {
    type,
    roundId,
    shares: decodeShareRecords(readBinary(source, 'shares'), roundId, 'secagg-share-delivery.shares'),
  };
}
