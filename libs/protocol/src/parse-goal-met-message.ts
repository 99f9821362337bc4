import { readId, readInteger, readLiteral, readRecord } from './field-readers';
import type { GoalMetMessage } from './server-messages';

/**
 * Validates a `goal-met` from the coordinator (docs/PROTOCOL.md, "goal-met").
 *
 * @throws ProtocolError `invalid-message` naming the first bad field, e.g. `goal-met.roundId must be 1-64 characters ...`.
 * @example
 * socket.on('goal-met', (input: unknown) => { const { roundId } = parseGoalMetMessage(input); ... });
 */
export function parseGoalMetMessage(input: unknown): GoalMetMessage {
  const source = readRecord(input, 'goal-met');
  return {
    type: readLiteral(source, 'type', ['goal-met']),
    roundId: readId(source, 'roundId'),
    round: readInteger(source, 'round'),
  };
}
