import { readId, readLiteral, readRecord, readText } from './field-readers';
import { MAX_REASON_LENGTH } from './parse-round-end-message';
import { RoundStage } from './round-stage';
import type { SecAggAbortMessage } from './secagg-client-messages';

/**
 * Validates a `secagg-abort` from the wire: the client abandons the round in `stage`, for `reason`.
 *
 * @throws ProtocolError `invalid-message` naming the first bad field.
 * @example
 * const abort = parseSecAggAbortMessage(input); // { roundId, stage: 'unmask', reason: '...' }
 */
export function parseSecAggAbortMessage(input: unknown): SecAggAbortMessage {
  const source = readRecord(input, 'secagg-abort');
  return {
    type: readLiteral(source, 'type', ['secagg-abort']),
    roundId: readId(source, 'roundId'),
    stage: readLiteral(source, 'stage', Object.values(RoundStage)),
    reason: readText(source, 'reason', MAX_REASON_LENGTH),
  };
}
