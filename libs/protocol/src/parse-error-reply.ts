import { ErrorCode } from './error-code';
import { hasField, readId, readLiteral, readRecord, readText } from './field-readers';
import type { ErrorReply } from './server-messages';

/** Longest `message` of an error reply; toErrorReply truncates to it. */
export const MAX_ERROR_MESSAGE_LENGTH = 1024;

const ERROR_CODES: readonly ErrorCode[] = Object.values(ErrorCode);

/**
 * Validates an error reply (an ack or a `protocol-error` event) from the coordinator
 * (docs/PROTOCOL.md, "Errors"). An unknown `code` is refused: new codes come with a new
 * protocol version.
 *
 * @throws ProtocolError `invalid-message` naming the first bad field, e.g. `error.code must be ...`.
 * @example
 * socket.on('protocol-error', (input: unknown) => log(parseErrorReply(input).code));
 */
export function parseErrorReply(input: unknown): ErrorReply {
  const source = readRecord(input, 'error');
  const reply: ErrorReply = {
    type: readLiteral(source, 'type', ['error']),
    code: readLiteral(source, 'code', ERROR_CODES),
    message: readText(source, 'message', MAX_ERROR_MESSAGE_LENGTH),
  };
  if (hasField(source, 'roundId')) reply.roundId = readId(source, 'roundId');
  return reply;
}
