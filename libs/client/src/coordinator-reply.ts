import { parseAcceptedMessage, parseErrorReply } from '@edgefl/protocol';
import { CoordinatorRejectedError } from './client-errors';

/**
 * Throws CoordinatorRejectedError when the coordinator's ack is an `error` reply; returns the reply
 * otherwise, for the caller to parse as what it expects (challenge, welcome, accepted).
 *
 * @example
 * const welcome = parseWelcomeMessage(refusedOrReply(await socket.emitWithAck('hello', hello)));
 */
export function refusedOrReply(reply: unknown): unknown {
  if (typeof reply === 'object' && reply !== null && (reply as { type?: unknown }).type === 'error') {
    throw new CoordinatorRejectedError(parseErrorReply(reply));
  }
  return reply;
}

/**
 * Checks the ack of an upload (`update`, a `secagg-*` message): an `error` reply throws
 * CoordinatorRejectedError, anything but `accepted` throws the protocol's named parse error.
 *
 * @example
 * expectAccepted(await socket.emitWithAck('update', update));
 */
export function expectAccepted(reply: unknown): void {
  parseAcceptedMessage(refusedOrReply(reply));
}
