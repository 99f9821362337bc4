import { AUTH_NONCE_BYTES } from './auth-signature-message';
import { invalid, readBinary, readId, readLiteral, readRecord } from './field-readers';
import type { ChallengeMessage } from './server-messages';

/**
 * Validates a `challenge` ack from the coordinator (docs/PROTOCOL.md, "challenge").
 *
 * @throws ProtocolError `invalid-message` naming the bad field, e.g. `challenge.nonce must be 32 bytes`.
 * @example
 * const challenge = parseChallengeMessage(await socket.emitWithAck('hello', hello));
 */
export function parseChallengeMessage(input: unknown): ChallengeMessage {
  const source = readRecord(input, 'challenge');
  const type = readLiteral(source, 'type', ['challenge']);
  const clientId = readId(source, 'clientId');
  const nonce = readBinary(source, 'nonce');
  if (nonce.byteLength !== AUTH_NONCE_BYTES) throw invalid('challenge.nonce', `must be ${AUTH_NONCE_BYTES} bytes`);
  return { type, clientId, nonce };
}
