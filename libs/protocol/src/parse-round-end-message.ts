import { hasField, readId, readInteger, readLiteral, readRecord, readText } from './field-readers';
import { readModelUrl } from './read-model-url';
import type { RoundEndMessage } from './server-messages';

/** Longest `reason` of a `round-end`. */
export const MAX_REASON_LENGTH = 256;

/**
 * Validates a `round-end` from the coordinator (docs/PROTOCOL.md, "round-end").
 *
 * @throws ProtocolError `invalid-message` naming the first bad field, e.g. `round-end.outcome must be 'completed' or 'abandoned'`.
 * @example
 * socket.on('round-end', (input: unknown) => { const end = parseRoundEndMessage(input); ... });
 */
export function parseRoundEndMessage(input: unknown): RoundEndMessage {
  const source = readRecord(input, 'round-end');
  const message: RoundEndMessage = {
    type: readLiteral(source, 'type', ['round-end']),
    roundId: readId(source, 'roundId'),
    round: readInteger(source, 'round'),
    outcome: readLiteral(source, 'outcome', ['completed', 'abandoned']),
    modelVersion: readInteger(source, 'modelVersion'),
    participants: readInteger(source, 'participants'),
  };
  if (hasField(source, 'reason')) message.reason = readText(source, 'reason', MAX_REASON_LENGTH);
  if (hasField(source, 'modelUrl')) message.modelUrl = readModelUrl(source);
  return message;
}
