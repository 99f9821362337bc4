import fc from 'fast-check';
import { ErrorCode } from './error-code';
import { expectProtocolError, returnsOrThrowsProtocolError } from './testing/expect-protocol-error';
import { VALID_HELLO, withField } from './testing/message-fixtures';
import { parseHelloMessage } from './parse-hello-message';

describe('parseHelloMessage', () => {
  it('accepts a full hello and a minimal one, dropping unknown fields', () => {
    expect(parseHelloMessage({ ...VALID_HELLO, extra: 1 })).toEqual(VALID_HELLO);
    const minimal = { type: 'hello', protocolVersions: [1, 2], agent: { sdk: 'py-client' } };
    expect(parseHelloMessage({ ...minimal, clientId: null, token: undefined })).toEqual(minimal);
  });

  it('returns fresh arrays and objects, not the input', () => {
    const input = structuredClone(VALID_HELLO);
    const hello = parseHelloMessage(input);
    expect(hello.protocolVersions).not.toBe(input.protocolVersions);
    expect(hello.agent).not.toBe(input.agent);
  });

  it.each([
    ['type', 'update', "hello.type must be 'hello'"],
    ['type', undefined, "hello.type must be 'hello'"],
    ['protocolVersions', undefined, 'hello.protocolVersions must be an array of 1-16 integers'],
    ['protocolVersions', [], 'hello.protocolVersions must be an array of 1-16 integers'],
    [
      'protocolVersions',
      Array.from({ length: 17 }, () => 1),
      'hello.protocolVersions must be an array of 1-16 integers',
    ],
    ['protocolVersions', [1, '2'], 'hello.protocolVersions[1] must be an integer in [1, 2147483647]'],
    ['protocolVersions', [0], 'hello.protocolVersions[0] must be an integer'],
    ['clientId', 'has space', 'hello.clientId must be 1-64 characters of [A-Za-z0-9_.:/-]'],
    ['clientId', 'x'.repeat(65), 'hello.clientId must be 1-64 characters'],
    ['token', 'x'.repeat(513), 'hello.token must be a string of 1-512 characters'],
    ['token', 7, 'hello.token must be a string'],
    ['identityKey', 'AAEC', 'hello.identityKey must be the standard base64 (44 characters) of a 32-byte key'],
    ['identityKey', 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh9=', 'hello.identityKey must be the standard base64'],
    ['agent', undefined, 'hello.agent must be an object'],
    ['agent', 'node', 'hello.agent must be an object'],
    ['agent.sdk', '', 'hello.agent.sdk must be a string of 1-128 characters'],
    ['agent.backend', 'w'.repeat(65), 'hello.agent.backend must be a string of 1-64 characters'],
    ['agent.platform', 'a\nb', 'hello.agent.platform must be a string of 1-128 characters without control characters'],
  ])('refuses a bad %s (%p)', (path, value, message) => {
    expectProtocolError(
      () => parseHelloMessage(withField(VALID_HELLO, path, value)),
      ErrorCode.InvalidMessage,
      message,
    );
  });

  it('refuses a hello carrying __proto__', () => {
    const input: unknown = JSON.parse(`{"__proto__":{"isAdmin":true},${JSON.stringify(VALID_HELLO).slice(1)}`);
    expectProtocolError(() => parseHelloMessage(input), ErrorCode.InvalidMessage, 'hello.__proto__ is not allowed');
  });

  it('only ever throws ProtocolError on arbitrary input', () => {
    fc.assert(fc.property(fc.anything(), (input) => returnsOrThrowsProtocolError(() => parseHelloMessage(input))));
  });
});
