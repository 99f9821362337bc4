import fc from 'fast-check';
import { ErrorCode } from './error-code';
import { expectProtocolError, returnsOrThrowsProtocolError } from './testing/expect-protocol-error';
import { VALID_ERROR_REPLY, withField } from './testing/message-fixtures';
import { parseErrorReply } from './parse-error-reply';

describe('parseErrorReply', () => {
  it('accepts every error code, with or without a round id', () => {
    expect(parseErrorReply(VALID_ERROR_REPLY)).toEqual(VALID_ERROR_REPLY);
    for (const code of Object.values(ErrorCode)) {
      expect(parseErrorReply({ type: 'error', code, message: 'm' })).toEqual({ type: 'error', code, message: 'm' });
    }
  });

  it.each([
    ['type', 'accepted', "error.type must be 'error'"],
    ['code', 'teapot', "error.code must be 'invalid-message' or"],
    ['message', '', 'error.message must be a string of 1-1024 characters'],
    ['message', 'm'.repeat(1025), 'error.message must be a string of 1-1024 characters'],
    ['roundId', 'bad id', 'error.roundId must be 1-64 characters'],
  ])('refuses a bad %s (%p)', (path, value, message) => {
    expectProtocolError(
      () => parseErrorReply(withField(VALID_ERROR_REPLY, path, value)),
      ErrorCode.InvalidMessage,
      message,
    );
  });

  it('only ever throws ProtocolError on arbitrary input', () => {
    fc.assert(fc.property(fc.anything(), (input) => returnsOrThrowsProtocolError(() => parseErrorReply(input))));
  });
});
