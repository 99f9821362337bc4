import { ErrorCode } from './error-code';
import { parseErrorReply } from './parse-error-reply';
import { ProtocolError } from './protocol-error';
import { toErrorReply } from './to-error-reply';

describe('toErrorReply', () => {
  it('keeps the code and message of a ProtocolError', () => {
    const error = new ProtocolError(ErrorCode.DuplicateReport, 'client device-7 already reported for run-1/3/0');
    expect(toErrorReply(error, 'run-1/3/0')).toEqual({
      type: 'error',
      code: ErrorCode.DuplicateReport,
      message: 'client device-7 already reported for run-1/3/0',
      roundId: 'run-1/3/0',
    });
  });

  it('hides everything about other errors behind internal', () => {
    const secret = new Error('SQLITE_CORRUPT at /var/lib/edgefl/state.db');
    for (const error of [
      secret,
      new TypeError('x is undefined'),
      'boom',
      undefined,
      { code: ErrorCode.Unauthorized, message: 'forged' },
    ]) {
      expect(toErrorReply(error)).toEqual({ type: 'error', code: ErrorCode.Internal, message: 'internal error' });
    }
  });

  it('treats a ProtocolError with a forged code as internal', () => {
    expect(toErrorReply(new ProtocolError('made-up' as ErrorCode, 'x')).code).toBe(ErrorCode.Internal);
  });

  it('leaves out a round id that is not a valid id', () => {
    expect('roundId' in toErrorReply(new Error('x'), 'not an id!')).toBe(false);
    expect('roundId' in toErrorReply(new Error('x'), 42 as unknown as string)).toBe(false);
  });

  it('always produces a reply that parseErrorReply accepts', () => {
    const messy = new ProtocolError(ErrorCode.InvalidMessage, `line one\nline two\u0000${'x'.repeat(5000)}`);
    const reply = toErrorReply(messy);
    expect(parseErrorReply(reply)).toEqual(reply);
    expect(reply.message.length).toBe(1024);
    expect(parseErrorReply(toErrorReply(new ProtocolError(ErrorCode.RateLimited, '')))).toEqual({
      type: 'error',
      code: ErrorCode.RateLimited,
      message: 'rate-limited',
    });
  });
});
