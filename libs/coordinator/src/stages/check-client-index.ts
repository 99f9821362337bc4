import { ErrorCode, ProtocolError } from '@edgefl/protocol';

/**
 * Checks that a stage message names the sender's own cohort index: a client cannot speak for
 * another one.
 *
 * @example
 * checkClientIndex(message.clientIndex, cohortIndex.indexOf(clientId), 'secagg-shares');
 */
export function checkClientIndex(claimed: number, actual: number, event: string): void {
  if (claimed !== actual)
    throw new ProtocolError(
      ErrorCode.SecAggViolation,
      `${event}.clientIndex ${claimed} is not the sender's index ${actual}`,
    );
}
