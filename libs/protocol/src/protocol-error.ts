import { ErrorCode } from './error-code';

/**
 * The error every validator and handler throws for bad input. It maps one-to-one to an
 * {@link ErrorReply} on the wire.
 *
 * @example
 * throw new ProtocolError(ErrorCode.InvalidMessage, 'hello.protocolVersions must be a non-empty array of integers');
 */
export class ProtocolError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}
