import { ErrorCode } from './error-code';
import { expectProtocolError } from './testing/expect-protocol-error';
import { VALID_ACCEPTED, VALID_ERROR_REPLY, VALID_WELCOME } from './testing/message-fixtures';
import { AckRefusedError, parseAckReply } from './parse-ack-reply';
import { parseAcceptedMessage } from './parse-accepted-message';
import { parseWelcomeMessage } from './parse-welcome-message';
import { ProtocolError } from './protocol-error';

describe('parseAckReply', () => {
  it('passes an expected reply through its parser', () => {
    expect(parseAckReply(VALID_WELCOME, parseWelcomeMessage)).toEqual(VALID_WELCOME);
    expect(parseAckReply(VALID_ACCEPTED, parseAcceptedMessage)).toEqual(VALID_ACCEPTED);
  });

  it("throws an error reply as AckRefusedError carrying the coordinator's code and reply", () => {
    let caught: unknown;
    try {
      parseAckReply(VALID_ERROR_REPLY, parseAcceptedMessage);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AckRefusedError);
    expect(caught).toBeInstanceOf(ProtocolError);
    expect((caught as AckRefusedError).code).toBe(ErrorCode.LateReport);
    expect((caught as AckRefusedError).reply).toEqual(VALID_ERROR_REPLY);
  });

  it('refuses a malformed error reply and a wrong reply as invalid-message', () => {
    expectProtocolError(
      () => parseAckReply({ type: 'error', code: 'nope', message: 'x' }, parseAcceptedMessage),
      ErrorCode.InvalidMessage,
      /error.code/,
    );
    expectProtocolError(
      () => parseAckReply(VALID_WELCOME, parseAcceptedMessage),
      ErrorCode.InvalidMessage,
      "accepted.type must be 'accepted'",
    );
    expectProtocolError(
      () => parseAckReply(undefined, parseAcceptedMessage),
      ErrorCode.InvalidMessage,
      'accepted must be an object',
    );
  });

  it('names a missing parser', () => {
    expect(() => parseAckReply(VALID_ACCEPTED, undefined as unknown as typeof parseAcceptedMessage)).toThrow(
      'parse must be a function',
    );
  });
});
