import type { SecAggAbortMessage, SecAggComplaintMessage, UpdateMessage } from '@edgefl/protocol';
import type { SecureStageEvent } from './stages/secure-stage';

/**
 * The other half of the seam: what the connection layer hands the round runner, one enrolled
 * client's message at a time (already checked at the edge: the guard, enrollment, and for
 * `update`/abort/complaint the protocol parser). Each call returns the roundId to acknowledge or
 * throws the `ProtocolError` to answer with. The {@link RoundRunner} implements it.
 *
 * @example
 * const { roundId } = inbox.update(session.clientId, parseUpdateMessage(raw, config.limits));
 * ack({ type: 'accepted', roundId });
 */
export interface RoundInbox {
  /** The open round's id (for logs), if a round is open. */
  readonly openRoundId: string | undefined;
  /** A plain round's update. */
  update(clientId: string, update: UpdateMessage): { roundId: string };
  /** A secure stage message, still raw: the open stage parses it (routed by its `roundId`). */
  secureMessage(clientId: string, event: SecureStageEvent, raw: unknown): { roundId: string };
  /** A cohort member gives up the secure round. */
  secureAbort(clientId: string, abort: SecAggAbortMessage): { roundId: string };
  /** A cohort member blames neighbours of the secure round. */
  complaint(clientId: string, complaint: SecAggComplaintMessage): { roundId: string };
  /**
   * A message for the round (an `update` or a secure stage message) was refused, by the edge or by
   * the round: counted in the open attempt's `rejected`.
   */
  refused(): void;
  /** An enrolled client's connection is gone. */
  clientLeft(clientId: string): void;
}
