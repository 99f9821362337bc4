import { readBinary, readId, readLiteral, readRecord } from './field-readers';
import type { ParsedSecAggReveal } from './secagg-client-messages';
import { readCohortIndex } from './secagg-field-readers';
import { decodeOwnedShareRecords } from './secagg-record-codec';

/**
 * Validates a `secagg-reveal` from the wire: two lists of 32-byte shares with distinct owners.
 * Whether they answer exactly the unmask request is the round's check.
 *
 * @throws ProtocolError `invalid-message` naming the first bad field, `secagg-violation` for a repeated owner.
 * @example
 * const revealed = parseSecAggRevealMessage(input);
 */
export function parseSecAggRevealMessage(input: unknown): ParsedSecAggReveal {
  const source = readRecord(input, 'secagg-reveal');
  return {
    type: readLiteral(source, 'type', ['secagg-reveal']),
    roundId: readId(source, 'roundId'),
    clientIndex: readCohortIndex(source, 'clientIndex'),
    selfSeedShares: decodeOwnedShareRecords(readBinary(source, 'selfSeedShares'), 'secagg-reveal.selfSeedShares'),
    maskKeyShares: decodeOwnedShareRecords(readBinary(source, 'maskKeyShares'), 'secagg-reveal.maskKeyShares'),
  };
}
