import { ErrorCode } from './error-code';
import { expectProtocolError } from './testing/expect-protocol-error';
import { VALID_ACCEPTED, withField } from './testing/message-fixtures';
import { parseAcceptedMessage } from './parse-accepted-message';

describe('parseAcceptedMessage', () => {
  it('accepts a valid ack', () => {
    expect(parseAcceptedMessage(VALID_ACCEPTED)).toEqual(VALID_ACCEPTED);
  });

  it.each([
    ['type', 'error', "accepted.type must be 'accepted'"],
    ['roundId', 3, 'accepted.roundId must be 1-64 characters'],
  ])('refuses a bad %s (%p)', (path, value, message) => {
    expectProtocolError(
      () => parseAcceptedMessage(withField(VALID_ACCEPTED, path, value)),
      ErrorCode.InvalidMessage,
      message,
    );
  });

  it('refuses a non-object', () => {
    expectProtocolError(() => parseAcceptedMessage('ok'), ErrorCode.InvalidMessage, 'accepted must be an object');
  });
});
