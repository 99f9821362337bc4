import { readId, readLiteral, readRecord } from './field-readers';
import type { SecAggConsistencyMessage } from './secagg-server-messages';
import { readIndexList } from './secagg-field-readers';

/**
 * Validates a `secagg-consistency` from the coordinator: the survivor set U3 to sign, a list of
 * distinct indices. Whether the client may sign it (it contains the client, leaves it t peers) is
 * its session's check.
 *
 * @throws ProtocolError `invalid-message` naming the first bad field, `secagg-violation` for a repeated index.
 * @example
 * const { survivors } = parseSecAggConsistencyMessage(input); // [1, 2, 5]
 */
export function parseSecAggConsistencyMessage(input: unknown): SecAggConsistencyMessage {
  const source = readRecord(input, 'secagg-consistency');
  return {
    type: readLiteral(source, 'type', ['secagg-consistency']),
    roundId: readId(source, 'roundId'),
    survivors: readIndexList(source, 'survivors'),
  };
}
