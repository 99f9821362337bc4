import {
  hasField,
  readBoolean,
  readId,
  readInteger,
  readLiteral,
  readNestedRecord,
  readPatternString,
  readRecord,
} from './field-readers';
import type { WelcomeMessage } from './server-messages';

/** `welcome.modelToken`: base64url text (the coordinator sends 32 random bytes, 43 characters). */
export const MODEL_TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,256}$/;

/**
 * Validates a `welcome` ack from the coordinator (docs/PROTOCOL.md, "welcome").
 *
 * @throws ProtocolError `invalid-message` naming the first bad field, e.g. `welcome.limits.maxUpdateBytes must be a positive integer`.
 * @example
 * const welcome = parseWelcomeMessage(await socket.emitWithAck('hello', hello));
 */
export function parseWelcomeMessage(input: unknown): WelcomeMessage {
  const source = readRecord(input, 'welcome');
  const limits = readNestedRecord(source, 'limits');
  const welcome: WelcomeMessage = {
    type: readLiteral(source, 'type', ['welcome']),
    protocolVersion: readInteger(source, 'protocolVersion', 1, 0x7fff_ffff),
    clientId: readId(source, 'clientId'),
    runId: readId(source, 'runId'),
    limits: {
      maxUpdateBytes: readInteger(limits, 'maxUpdateBytes', 1),
      maxMessageBytes: readInteger(limits, 'maxMessageBytes', 1),
    },
  };
  if (hasField(source, 'modelToken'))
    welcome.modelToken = readPatternString(
      source,
      'modelToken',
      MODEL_TOKEN_PATTERN,
      '16-256 characters of [A-Za-z0-9_-]',
    );
  if (hasField(source, 'secure')) welcome.secure = readBoolean(source, 'secure');
  return welcome;
}
