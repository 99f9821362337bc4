import { readId, readLiteral, readRecord } from './field-readers';
import type { AcceptedMessage } from './server-messages';

/**
 * Validates an `accepted` ack from the coordinator (docs/PROTOCOL.md, "accepted").
 *
 * @throws ProtocolError `invalid-message` naming the first bad field.
 * @example
 * const accepted = parseAcceptedMessage(reply); // { type: 'accepted', roundId }
 */
export function parseAcceptedMessage(input: unknown): AcceptedMessage {
  const source = readRecord(input, 'accepted');
  return { type: readLiteral(source, 'type', ['accepted']), roundId: readId(source, 'roundId') };
}
