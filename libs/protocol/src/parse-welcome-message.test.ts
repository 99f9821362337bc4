import fc from 'fast-check';
import { ErrorCode } from './error-code';
import { expectProtocolError, returnsOrThrowsProtocolError } from './testing/expect-protocol-error';
import { VALID_WELCOME, withField } from './testing/message-fixtures';
import { parseWelcomeMessage } from './parse-welcome-message';

describe('parseWelcomeMessage', () => {
  it('accepts a valid welcome', () => {
    expect(parseWelcomeMessage({ ...VALID_WELCOME, motd: 'hi' })).toEqual(VALID_WELCOME);
    const token = 'q3Jb0n-Rk_7x2VYwHn4sZ8cL1dA9eT5uPmGfKoWiXyE';
    expect(parseWelcomeMessage({ ...VALID_WELCOME, modelToken: token }).modelToken).toBe(token);
  });

  it('reads the optional secure flag (absent = false)', () => {
    expect(parseWelcomeMessage({ ...VALID_WELCOME, secure: true }).secure).toBe(true);
    expect(parseWelcomeMessage(VALID_WELCOME).secure).toBeUndefined();
    expectProtocolError(
      () => parseWelcomeMessage({ ...VALID_WELCOME, secure: 'yes' }),
      ErrorCode.InvalidMessage,
      'welcome.secure must be a boolean',
    );
  });

  it.each([
    ['type', 'hello', "welcome.type must be 'welcome'"],
    ['protocolVersion', 0, 'welcome.protocolVersion must be an integer in [1, 2147483647]'],
    ['clientId', undefined, 'welcome.clientId must be 1-64 characters'],
    ['runId', 'run 1', 'welcome.runId must be 1-64 characters'],
    ['limits', null, 'welcome.limits must be an object'],
    ['limits.maxUpdateBytes', 0, 'welcome.limits.maxUpdateBytes must be a positive integer'],
    ['limits.maxMessageBytes', '20MiB', 'welcome.limits.maxMessageBytes must be a positive integer'],
    ['modelToken', 'short', 'welcome.modelToken must be 16-256 characters of [A-Za-z0-9_-]'],
    ['modelToken', 'has spaces in it, no good', 'welcome.modelToken must be 16-256 characters of [A-Za-z0-9_-]'],
  ])('refuses a bad %s (%p)', (path, value, message) => {
    expectProtocolError(
      () => parseWelcomeMessage(withField(VALID_WELCOME, path, value)),
      ErrorCode.InvalidMessage,
      message,
    );
  });

  it('only ever throws ProtocolError on arbitrary input', () => {
    fc.assert(fc.property(fc.anything(), (input) => returnsOrThrowsProtocolError(() => parseWelcomeMessage(input))));
  });
});
