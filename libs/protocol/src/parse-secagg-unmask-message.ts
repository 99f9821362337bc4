import { readId, readLiteral, readRecord } from './field-readers';
import type { SecAggUnmaskMessage } from './secagg-server-messages';
import { readIndexList } from './secagg-field-readers';

/**
 * Validates a `secagg-unmask` from the coordinator: two lists of distinct indices. Whether the
 * client may answer (no overlap, only peers it holds shares of, enough survivors, asked once)
 * is its session's check: an honest client refuses and aborts otherwise.
 *
 * @throws ProtocolError `invalid-message` naming the first bad field.
 * @example
 * const request = parseSecAggUnmaskMessage(input); // { survivors: [2, 5], dropouts: [7] }
 */
export function parseSecAggUnmaskMessage(input: unknown): SecAggUnmaskMessage {
  const source = readRecord(input, 'secagg-unmask');
  return {
    type: readLiteral(source, 'type', ['secagg-unmask']),
    roundId: readId(source, 'roundId'),
    survivors: readIndexList(source, 'survivors'),
    dropouts: readIndexList(source, 'dropouts'),
  };
}
