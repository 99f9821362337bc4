import { ErrorCode } from '@edgefl/protocol';

/**
 * The client abandoned a secure round: it refused a coordinator request (e.g. both shares of one
 * peer, `code` secagg-violation), a neighbour's advertisement did not verify, or too few peers
 * were left. The session's secrets are wiped and the coordinator is told with `secagg-abort`.
 */
export class SecureRoundError extends Error {
  readonly code = ErrorCode.SecAggViolation;
  constructor(
    readonly roundId: string,
    readonly stage: string,
    message: string,
  ) {
    super(`secure round ${roundId} abandoned in stage ${stage}: ${message}`);
    this.name = 'SecureRoundError';
  }
}
