import { readId, readLiteral, readRecord } from './field-readers';
import type { SecAggShareDeliveryMessage } from './secagg-server-messages';
import { readEncryptedShares } from './secagg-field-readers';

/**
 * Validates a `secagg-share-delivery` from the coordinator: distinct senders, ciphertexts of the
 * exact size for the round id.
 *
 * @throws ProtocolError `invalid-message` naming the first bad field, `secagg-violation` for a repeated sender.
 * @example
 * const { shares } = parseSecAggShareDeliveryMessage(input); // shares[i] = { peer: sender, ciphertext }
 */
export function parseSecAggShareDeliveryMessage(input: unknown): SecAggShareDeliveryMessage {
  const source = readRecord(input, 'secagg-share-delivery');
  const type = readLiteral(source, 'type', ['secagg-share-delivery']);
  const roundId = readId(source, 'roundId');
  return { type, roundId, shares: readEncryptedShares(source, 'shares', roundId) };
}
