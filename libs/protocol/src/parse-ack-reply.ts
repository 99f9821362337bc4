import { parseErrorReply } from './parse-error-reply';
import { ProtocolError } from './protocol-error';
import type { ErrorReply } from './server-messages';

/** Thrown by {@link parseAckReply} when the coordinator answered with an error reply. */
export class AckRefusedError extends ProtocolError {
  constructor(readonly reply: ErrorReply) {
    super(reply.code, reply.message);
    this.name = 'AckRefusedError';
  }
}

/**
 * Reads an acknowledgement, which is either the expected reply or an {@link ErrorReply}: an
 * error reply (`type: 'error'`) is validated and thrown as {@link AckRefusedError} carrying the
 * coordinator's code; anything else goes through `parse`.
 *
 * @throws AckRefusedError for an error reply; ProtocolError `invalid-message` from the parsers.
 * @example
 * const welcome = parseAckReply(await socket.emitWithAck('hello', hello), parseWelcomeMessage);
 */
export function parseAckReply<T>(input: unknown, parse: (input: unknown) => T): T {
  if (typeof parse !== 'function') throw new TypeError('parse must be a function');
  const isErrorReply =
    typeof input === 'object' &&
    input !== null &&
    Object.prototype.hasOwnProperty.call(input, 'type') &&
    (input as { type: unknown }).type === 'error';
  if (isErrorReply) throw new AckRefusedError(parseErrorReply(input));
  return parse(input);
}
