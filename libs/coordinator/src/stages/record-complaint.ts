import { ErrorCode, ProtocolError } from '@edgefl/protocol';
import type { SecAggComplaintMessage } from '@edgefl/protocol';
import type { RoundState } from '../round-state';
import { checkClientIndex } from './check-client-index';

/**
 * Takes a cohort member's `secagg-complaint` into the attempt's blame: each accused must be one
 * of the complainer's neighbours on the round graph (only they send it shares). The claim cannot
 * be checked; the suspicion policy counts it as a dispute, bounded per complainer
 * (suspicion-policy.ts). A complaint about a closed or other round is refused as late.
 *
 * @throws ProtocolError `wrong-round` / `late-report` / `secagg-violation` naming the problem.
 * @example
 * recordComplaint(state, session.clientId, parseSecAggComplaintMessage(raw));
 */
export function recordComplaint(
  state: RoundState | undefined,
  clientId: string,
  complaint: SecAggComplaintMessage,
): void {
  const secure = state?.secure;
  if (!state || !secure || complaint.roundId !== state.roundId) {
    throw new ProtocolError(
      ErrorCode.WrongRound,
      `secagg-complaint.roundId ${complaint.roundId} is not an open secure round`,
    );
  }
  if (!secure.cohortIndex.has(clientId) || !state.cohort.has(clientId))
    throw new ProtocolError(ErrorCode.WrongRound, `client ${clientId} was not selected for round ${state.roundId}`);
  const index = secure.cohortIndex.indexOf(clientId);
  checkClientIndex(complaint.clientIndex, index, 'secagg-complaint');
  if (state.blame.complaints.some((recorded) => recorded.from === clientId)) {
    throw new ProtocolError(
      ErrorCode.DuplicateReport,
      `client ${clientId} already complained in round ${state.roundId}`,
    );
  }
  const neighbours = new Set(secure.server.clientConfigFor(index).neighbours);
  const stranger = complaint.accused.find((peer) => !neighbours.has(peer));
  if (stranger !== undefined)
    throw new ProtocolError(
      ErrorCode.SecAggViolation,
      `secagg-complaint.accused ${stranger} is not a neighbour of ${index}`,
    );
  for (const peer of complaint.accused) {
    state.blame.complaints.push({
      from: clientId,
      against: secure.cohortIndex.clientIdOf(peer),
      reason: complaint.kind,
    });
  }
}
