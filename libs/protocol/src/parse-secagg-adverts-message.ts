import { readBinary, readId, readLiteral, readRecord } from './field-readers';
import type { ParsedSecAggAdverts } from './secagg-server-messages';
import { decodeAdvertisementRecords } from './secagg-record-codec';

/**
 * Validates a `secagg-adverts` from the coordinator: distinct advertisers, keys and signatures of
 * the right sizes. The client session then verifies each signature against the neighbour's
 * identity key from the task.
 *
 * @throws ProtocolError `invalid-message` naming the first bad field, `secagg-violation` for a repeated advertiser.
 * @example
 * socket.on('secagg-adverts', (input: unknown) => { const { advertisements } = parseSecAggAdvertsMessage(input); ... });
 */
export function parseSecAggAdvertsMessage(input: unknown): ParsedSecAggAdverts {
  const source = readRecord(input, 'secagg-adverts');
  return {
    type: readLiteral(source, 'type', ['secagg-adverts']),
    roundId: readId(source, 'roundId'),
    advertisements: decodeAdvertisementRecords(readBinary(source, 'advertisements'), 'secagg-adverts.advertisements'),
  };
}
