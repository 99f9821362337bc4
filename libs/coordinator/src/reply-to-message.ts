import { toErrorReply } from '@edgefl/protocol';
import type { ErrorReply } from '@edgefl/protocol';

/** What {@link replyToMessage} needs from its connection. */
export interface ReplyHooks {
  /** Sends `protocol-error` on the connection (for a message that came without an ack). */
  sendError(reply: ErrorReply): void;
  /** The reply to a message was a refusal (draws on the connection's rejection budget). */
  refused(): void;
  /** Reports a refusal (log, `rejected` event); `code === Unauthorized` feeds the auth throttle. */
  report(reply: ErrorReply, error: unknown): void;
  /** Logs a failure to answer at all (a bug). */
  answerFailed(error: unknown): void;
}

/**
 * Runs a message handler (sync or async) and answers through the ack (or a `protocol-error` event
 * when the peer sent none). Never throws: a failing handler becomes an error reply, and every
 * refusal draws on the connection's rejection budget. `afterReply` runs right after a successful
 * reply went out.
 *
 * @example
 * replyToMessage(ack, () => ({ type: 'accepted', roundId }), hooks);
 */
export function replyToMessage(
  ack: unknown,
  handler: () => object | Promise<object>,
  hooks: ReplyHooks,
  afterReply?: () => void,
): void {
  const refuse = (error: unknown): ErrorReply => {
    const errorReply: ErrorReply = toErrorReply(error);
    hooks.report(errorReply, error);
    if (typeof ack !== 'function') hooks.sendError(errorReply);
    return errorReply;
  };
  const answer = (reply: object): void => {
    if (typeof ack === 'function') ack(reply);
    if ((reply as { type?: unknown }).type === 'error') hooks.refused();
    else afterReply?.();
  };
  let result: object | Promise<object>;
  try {
    result = handler();
  } catch (error) {
    result = refuse(error);
  }
  if (result instanceof Promise) {
    result.catch(refuse).then(answer, (error: unknown) => hooks.answerFailed(error));
  } else {
    answer(result);
  }
}
