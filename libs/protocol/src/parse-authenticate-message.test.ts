import { ErrorCode } from './error-code';
import { expectProtocolError } from './testing/expect-protocol-error';
import { parseAuthenticateMessage } from './parse-authenticate-message';

describe('parseAuthenticateMessage', () => {
  it('accepts a 64-byte signature as Uint8Array or ArrayBuffer', () => {
    const signature = new Uint8Array(64).fill(7);
    expect(parseAuthenticateMessage({ type: 'authenticate', signature })).toEqual({ type: 'authenticate', signature });
    expect(parseAuthenticateMessage({ type: 'authenticate', signature: signature.buffer }).signature).toEqual(
      signature,
    );
  });

  it.each([
    [{ type: 'hello', signature: new Uint8Array(64) }, "authenticate.type must be 'authenticate'"],
    [{ type: 'authenticate', signature: 'AAAA' }, 'authenticate.signature must be binary'],
    [{ type: 'authenticate', signature: new Uint8Array(63) }, 'authenticate.signature must be 64 bytes'],
    [
      { type: 'authenticate', signature: new Uint8Array(64), __proto__: null, constructor: 1 },
      'authenticate.constructor is not allowed',
    ],
    ['sig', 'authenticate must be an object'],
  ])('refuses %p', (input, message) => {
    expectProtocolError(() => parseAuthenticateMessage(input), ErrorCode.InvalidMessage, message);
  });
});
