import type { ErrorReply } from '@edgefl/protocol';

/** The coordinator refused a message; `code` is the protocol's {@link ErrorCode}. */
export class CoordinatorRejectedError extends Error {
  readonly code: ErrorReply['code'];
  readonly roundId?: string;
  constructor(reply: ErrorReply) {
    super(`coordinator refused: ${reply.code}: ${reply.message}`);
    this.name = 'CoordinatorRejectedError';
    this.code = reply.code;
    this.roundId = reply.roundId;
  }
}

/** The encoded update is larger than the coordinator accepts; it was not sent. */
export class PayloadTooLargeError extends Error {
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`the update is ${bytes} bytes, the coordinator accepts at most ${limit}: quantize it (fewer bits) or use a smaller model`);
    this.name = 'PayloadTooLargeError';
  }
}
