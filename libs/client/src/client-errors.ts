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
    super(
      `the update is ${bytes} bytes, the coordinator accepts at most ${limit}: quantize it (fewer bits) or use a smaller model`,
    );
    this.name = 'PayloadTooLargeError';
  }
}

/**
 * The coordinator could not be reached: every connection attempt of the retry budget failed
 * (`options.connection`). `run()` rejects with it, at the start of a run or after a connection
 * was lost and could not be re-established.
 */
export class CoordinatorUnreachableError extends Error {
  constructor(
    readonly url: string,
    /** Connection attempts made in a row, all failed. */
    readonly attempts: number,
    /** Why the last attempt failed. */
    readonly lastError: Error,
  ) {
    super(
      `the coordinator at ${url} could not be reached after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${lastError.message}`,
    );
    this.name = 'CoordinatorUnreachableError';
  }
}

/** The global model could not be downloaded from the coordinator (unreachable, refused, or not in the TF.js format). */
export class ModelDownloadError extends Error {
  constructor(
    readonly url: string,
    override readonly cause: Error,
  ) {
    super(`could not load the model from ${url}: ${cause.message}`);
    this.name = 'ModelDownloadError';
  }
}
