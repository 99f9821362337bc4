import { readId, readLiteral, readRecord } from './field-readers';
import type { SecAggRevealMessage } from './secagg-client-messages';
import { readCohortIndex, readOwnedShares } from './secagg-field-readers';

/**
 * Validates a `secagg-reveal` from the wire: two lists of 32-byte shares with distinct owners.
 * Whether they answer exactly the unmask request is the round's check.
 *
 * @throws ProtocolError `invalid-message` naming the first bad field, `secagg-violation` for a repeated owner.
 * @example
 * const revealed = parseSecAggRevealMessage(input);
 */
export function parseSecAggRevealMessage(input: unknown): SecAggRevealMessage {
  const source = readRecord(input, 'secagg-reveal');
  return {
    type: readLiteral(source, 'type', ['secagg-reveal']),
    roundId: readId(source, 'roundId'),
    clientIndex: readCohortIndex(source, 'clientIndex'),
    selfSeedShares: readOwnedShares(source, 'selfSeedShares'),
    maskKeyShares: readOwnedShares(source, 'maskKeyShares'),
  };
}
