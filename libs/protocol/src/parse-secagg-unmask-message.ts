import { hasField, readBinary, readId, readLiteral, readNestedRecord, readRecord } from './field-readers';
import type { ParsedSecAggUnmask } from './secagg-server-messages';
import { readIndexList } from './secagg-field-readers';
import { decodeSignatureRecords } from './secagg-record-codec';

/**
 * Validates a `secagg-unmask` from the coordinator: two lists of distinct indices and, in rounds
 * with the consistency check, `consistency` (the survivor set again and the neighbours' signature
 * records). Whether the client may answer (the set it signed, t valid neighbour signatures, no
 * overlap, only peers it holds shares of, enough survivors, asked once) is its session's check:
 * an honest client refuses and aborts otherwise.
 *
 * @throws ProtocolError `invalid-message` naming the first bad field, `secagg-violation` for a repeated index or signer.
 * @example
 * const request = parseSecAggUnmaskMessage(input); // { survivors: [2, 5], dropouts: [7], consistency: { survivors: [1, 2, 5], signatures: [...] } }
 */
export function parseSecAggUnmaskMessage(input: unknown): ParsedSecAggUnmask {
  const source = readRecord(input, 'secagg-unmask');
  const message: ParsedSecAggUnmask = {
    type: readLiteral(source, 'type', ['secagg-unmask']),
    roundId: readId(source, 'roundId'),
    survivors: readIndexList(source, 'survivors'),
    dropouts: readIndexList(source, 'dropouts'),
  };
  if (hasField(source, 'consistency')) {
    const consistency = readNestedRecord(source, 'consistency');
    message.consistency = {
      survivors: readIndexList(consistency, 'survivors'),
      signatures: decodeSignatureRecords(readBinary(consistency, 'signatures'), `${consistency.path}.signatures`),
    };
  }
  return message;
}
