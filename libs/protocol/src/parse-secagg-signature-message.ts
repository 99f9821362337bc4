import { readId, readLiteral, readRecord } from './field-readers';
import type { SecAggSignatureMessage } from './secagg-client-messages';
import { readCohortIndex, readFixedBinary } from './secagg-field-readers';

/**
 * Validates a `secagg-signature` from the wire: a 64-byte signature of the sender. The round
 * verifies it over the survivor set against the identity key the client proved at enrollment.
 *
 * @throws ProtocolError `invalid-message` naming the first bad field, e.g. `secagg-signature.signature must be 64 bytes, got 63`.
 * @example
 * const { clientIndex, signature } = parseSecAggSignatureMessage(input);
 */
export function parseSecAggSignatureMessage(input: unknown): SecAggSignatureMessage {
  const source = readRecord(input, 'secagg-signature');
  return {
    type: readLiteral(source, 'type', ['secagg-signature']),
    roundId: readId(source, 'roundId'),
    clientIndex: readCohortIndex(source, 'clientIndex'),
    signature: readFixedBinary(source, 'signature', 64),
  };
}
