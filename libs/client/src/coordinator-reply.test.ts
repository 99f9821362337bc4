import { ErrorCode } from '@edgefl/protocol';
import { CoordinatorRejectedError } from './client-errors';
import { expectAccepted, refusedOrReply } from './coordinator-reply';

describe('coordinator replies', () => {
  const refusal = { type: 'error', code: ErrorCode.Unauthorized, message: 'no token' };

  it('passes a non-error reply through and throws CoordinatorRejectedError on an error reply', () => {
    const welcome = { type: 'welcome' };
    expect(refusedOrReply(welcome)).toBe(welcome);
    expect(refusedOrReply(null)).toBeNull();
    expect(() => refusedOrReply(refusal)).toThrow(CoordinatorRejectedError);
  });

  it('accepts only an accepted ack', () => {
    expect(() => expectAccepted({ type: 'accepted', roundId: 'r-1' })).not.toThrow();
    expect(() => expectAccepted(refusal)).toThrow(CoordinatorRejectedError);
    expect(() => expectAccepted({ type: 'welcome' })).toThrow(/accepted/);
  });
});
