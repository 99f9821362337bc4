import fc from 'fast-check';
import { ErrorCode } from './error-code';
import { expectProtocolError, returnsOrThrowsProtocolError } from './testing/expect-protocol-error';
import { parseGoalMetMessage } from './parse-goal-met-message';

describe('parseGoalMetMessage', () => {
  const valid = { type: 'goal-met', roundId: 'run/3/1', round: 3 };

  it('accepts a valid goal-met and drops unknown fields', () => {
    expect(parseGoalMetMessage({ ...valid, extra: 1 })).toEqual(valid);
  });

  it('names a bad field', () => {
    expectProtocolError(
      () => parseGoalMetMessage({ ...valid, roundId: 'a b' }),
      ErrorCode.InvalidMessage,
      'goal-met.roundId must be 1-64 characters',
    );
    expectProtocolError(() => parseGoalMetMessage({ ...valid, round: -1 }), ErrorCode.InvalidMessage, 'goal-met.round');
  });

  it('only ever throws ProtocolError on arbitrary input', () => {
    fc.assert(fc.property(fc.anything(), (input) => returnsOrThrowsProtocolError(() => parseGoalMetMessage(input))));
  });
});
