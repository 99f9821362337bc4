import { AUTH_SIGNATURE_BYTES } from './auth-signature-message';
import type { AuthenticateMessage } from './client-messages';
import { invalid, readBinary, readLiteral, readRecord } from './field-readers';

/**
 * Validates an `authenticate` from the wire (docs/PROTOCOL.md, "authenticate"). It checks the
 * shape only; whether the signature verifies is the coordinator's business.
 *
 * @throws ProtocolError `invalid-message` naming the bad field, e.g. `authenticate.signature must be 64 bytes`.
 * @example
 * const { signature } = parseAuthenticateMessage(input);
 */
export function parseAuthenticateMessage(input: unknown): AuthenticateMessage {
  const source = readRecord(input, 'authenticate');
  const type = readLiteral(source, 'type', ['authenticate']);
  const signature = readBinary(source, 'signature');
  if (signature.byteLength !== AUTH_SIGNATURE_BYTES)
    throw invalid('authenticate.signature', `must be ${AUTH_SIGNATURE_BYTES} bytes`);
  return { type, signature };
}
