import { ErrorCode } from './error-code';
import { expectProtocolError } from './testing/expect-protocol-error';
import { parseChallengeMessage } from './parse-challenge-message';

describe('parseChallengeMessage', () => {
  it('accepts a valid challenge', () => {
    const message = { type: 'challenge', clientId: 'phone-1', nonce: new Uint8Array(32).fill(1) };
    expect(parseChallengeMessage(message)).toEqual(message);
  });

  it.each([
    [{ type: 'challenge', clientId: 'a b', nonce: new Uint8Array(32) }, 'challenge.clientId must be 1-64 characters'],
    [{ type: 'challenge', clientId: 'a', nonce: new Uint8Array(16) }, 'challenge.nonce must be 32 bytes'],
    [{ type: 'welcome', clientId: 'a', nonce: new Uint8Array(32) }, "challenge.type must be 'challenge'"],
  ])('refuses %p', (input, message) => {
    expectProtocolError(() => parseChallengeMessage(input), ErrorCode.InvalidMessage, message);
  });
});
