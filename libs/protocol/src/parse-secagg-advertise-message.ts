import { readId, readLiteral, readRecord } from './field-readers';
import type { SecAggAdvertiseMessage } from './secagg-client-messages';
import { readAdvertisementFields } from './secagg-field-readers';

/**
 * Validates a `secagg-advertise` from the wire (docs/PROTOCOL.md, "Secure aggregation stages").
 * Checks shapes and sizes only; the signature is verified by the round against the identity key
 * the client registered at `hello`.
 *
 * @throws ProtocolError `invalid-message` naming the first bad field, e.g. `secagg-advertise.signature must be 64 bytes, got 63`.
 * @example
 * socket.on('secagg-advertise', (input: unknown, ack) => { const advert = parseSecAggAdvertiseMessage(input); ... });
 */
export function parseSecAggAdvertiseMessage(input: unknown): SecAggAdvertiseMessage {
  const source = readRecord(input, 'secagg-advertise');
  return {
    type: readLiteral(source, 'type', ['secagg-advertise']),
    roundId: readId(source, 'roundId'),
    ...readAdvertisementFields(source),
  };
}
