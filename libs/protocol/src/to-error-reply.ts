import { ErrorCode } from './error-code';
import { ID_PATTERN } from './field-readers';
import { MAX_ERROR_MESSAGE_LENGTH } from './parse-error-reply';
import { ProtocolError } from './protocol-error';
import type { ErrorReply } from './server-messages';

const ERROR_CODES: readonly string[] = Object.values(ErrorCode);
const GENERIC_INTERNAL_MESSAGE = 'internal error';

/**
 * Turns anything caught while handling a message into the {@link ErrorReply} to send back.
 * A ProtocolError keeps its code and message (control characters replaced, cut to 1024
 * characters, so parseErrorReply accepts it); anything else becomes `internal` with a generic
 * message, so stack traces, paths and SQL never reach a client. Never throws.
 *
 * @param roundId attached when it is a valid id, silently left out otherwise (it may come
 *   straight from the message being refused).
 * @example
 * try { ack(handleUpdate(parseUpdateMessage(input, limits))); }
 * catch (error) { ack(toErrorReply(error, roundIdOf(input))); }
 */
export function toErrorReply(error: unknown, roundId?: string): ErrorReply {
  const reply: ErrorReply =
    error instanceof ProtocolError && ERROR_CODES.includes(error.code)
      ? { type: 'error', code: error.code, message: cleanMessage(error.message, error.code) }
      : { type: 'error', code: ErrorCode.Internal, message: GENERIC_INTERNAL_MESSAGE };
  if (typeof roundId === 'string' && ID_PATTERN.test(roundId)) reply.roundId = roundId;
  return reply;
}

function cleanMessage(message: unknown, fallback: string): string {
  if (typeof message !== 'string') return fallback;
  // eslint-disable-next-line no-control-regex -- replaced so that parseErrorReply accepts the message
  const text = message.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, MAX_ERROR_MESSAGE_LENGTH);
  return text.length > 0 ? text : fallback;
}
