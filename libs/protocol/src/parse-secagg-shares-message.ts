import { readBinary, readId, readLiteral, readRecord } from './field-readers';
import type { ParsedSecAggShares } from './secagg-client-messages';
import { readCohortIndex } from './secagg-field-readers';
import { decodeShareRecords } from './secagg-record-codec';

/**
 * Validates a `secagg-shares` from the wire: distinct recipients, ciphertexts of the exact size
 * for the round id.
 *
 * @throws ProtocolError `invalid-message` naming the first bad field, `secagg-violation` for a repeated recipient.
 * @example
 * const upload = parseSecAggSharesMessage(input); // upload.shares[i] = { peer: recipient, ciphertext }
 */
export function parseSecAggSharesMessage(input: unknown): ParsedSecAggShares {
  const source = readRecord(input, 'secagg-shares');
  const type = readLiteral(source, 'type', ['secagg-shares']);
  const roundId = readId(source, 'roundId');
  return {
    type,
    roundId,
    clientIndex: readCohortIndex(source, 'clientIndex'),
    shares: decodeShareRecords(readBinary(source, 'shares'), roundId, 'secagg-shares.shares'),
  };
}
