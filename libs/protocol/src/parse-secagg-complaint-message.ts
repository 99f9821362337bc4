import { ErrorCode } from './error-code';
import { readId, readLiteral, readRecord } from './field-readers';
import { ProtocolError } from './protocol-error';
import { readCohortIndex, readIndexList } from './secagg-field-readers';
import type { SecAggComplaintMessage } from './secagg-client-messages';

/**
 * Validates a `secagg-complaint` from the wire: the sender (`clientIndex`) blames the neighbours in
 * `accused` (distinct cohort indices, at least one, never itself) for `kind`.
 *
 * @throws ProtocolError `invalid-message` naming the first bad field; `secagg-violation` for a repeated or self accusation.
 * @example
 * parseSecAggComplaintMessage({ type: 'secagg-complaint', roundId: 'run/3/1', clientIndex: 2, accused: [5], kind: 'share-box' });
 */
export function parseSecAggComplaintMessage(input: unknown): SecAggComplaintMessage {
  const source = readRecord(input, 'secagg-complaint');
  const message: SecAggComplaintMessage = {
    type: readLiteral(source, 'type', ['secagg-complaint']),
    roundId: readId(source, 'roundId'),
    clientIndex: readCohortIndex(source, 'clientIndex'),
    accused: readIndexList(source, 'accused'),
    kind: readLiteral(source, 'kind', ['share-box']),
  };
  if (message.accused.length === 0)
    throw new ProtocolError(ErrorCode.InvalidMessage, 'secagg-complaint.accused must name at least one index');
  if (message.accused.includes(message.clientIndex)) {
    throw new ProtocolError(ErrorCode.SecAggViolation, 'secagg-complaint.accused must not name the complainer itself');
  }
  return message;
}
