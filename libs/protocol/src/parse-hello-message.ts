import type { HelloMessage } from './client-messages';
import { decodeBase64 } from './base64';
import { ed25519KeyWeakness } from './ed25519-key-weakness';
import {
  hasField,
  invalid,
  readBoolean,
  readId,
  readIntegerArray,
  readLiteral,
  readNestedRecord,
  readPatternString,
  readRecord,
  readText,
} from './field-readers';

/** Most entries of `hello.protocolVersions`. */
export const MAX_OFFERED_PROTOCOL_VERSIONS = 16;
/** Longest `hello.token`. */
export const MAX_TOKEN_LENGTH = 512;
// Canonical standard base64 of exactly 32 bytes: 43 characters, the last carrying 4 bits (its
// two low bits zero), then one '='.
const IDENTITY_KEY_PATTERN = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;

/**
 * Validates a `hello` from the wire (docs/PROTOCOL.md, "hello") and returns a fresh object with
 * only the known fields; unknown fields are dropped.
 *
 * @throws ProtocolError `invalid-message` naming the first bad field, e.g.
 *   `hello.protocolVersions must be an array of 1-16 integers`.
 * @example
 * socket.on('hello', (input: unknown, ack) => { const hello = parseHelloMessage(input); ... });
 */
export function parseHelloMessage(input: unknown): HelloMessage {
  const source = readRecord(input, 'hello');
  const type = readLiteral(source, 'type', ['hello']);
  const protocolVersions = readIntegerArray(source, 'protocolVersions', {
    minLength: 1,
    maxLength: MAX_OFFERED_PROTOCOL_VERSIONS,
    min: 1,
    max: 0x7fff_ffff,
  });
  const agentSource = readNestedRecord(source, 'agent');
  const agent: HelloMessage['agent'] = { sdk: readText(agentSource, 'sdk', 128) };
  if (hasField(agentSource, 'backend')) agent.backend = readText(agentSource, 'backend', 64);
  if (hasField(agentSource, 'platform')) agent.platform = readText(agentSource, 'platform', 128);

  const hello: HelloMessage = { type, protocolVersions, agent };
  if (hasField(source, 'clientId')) hello.clientId = readId(source, 'clientId');
  if (hasField(source, 'token')) hello.token = readText(source, 'token', MAX_TOKEN_LENGTH);
  if (hasField(source, 'identityKey')) {
    hello.identityKey = readPatternString(
      source,
      'identityKey',
      IDENTITY_KEY_PATTERN,
      'the standard base64 (44 characters) of a 32-byte key',
    );
    const weakness = ed25519KeyWeakness(decodeBase64(hello.identityKey));
    if (weakness === 'small-order')
      throw invalid('hello.identityKey', 'must not be a small-order Ed25519 point (it proves nothing)');
    if (weakness === 'non-canonical')
      throw invalid('hello.identityKey', 'must be a canonical Ed25519 encoding (y < 2^255 - 19)');
  }
  if (hasField(source, 'deltaDownlink')) hello.deltaDownlink = readBoolean(source, 'deltaDownlink');
  return hello;
}
