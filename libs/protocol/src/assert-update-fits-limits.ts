import { ErrorCode } from './error-code';
import type { ProtocolLimits } from './limits';
import { ProtocolError } from './protocol-error';

/** The socket.io transport an update travels over. */
export type TransportKind = 'websocket' | 'polling';

// Room for the JSON part of an `update` and other packets batched into the same polling request.
const POLLING_OVERHEAD_BYTES = 4096;

/**
 * Checks, before sending, that an update payload of `payloadBytes` will be accepted: at most
 * `limits.maxUpdateBytes`, and small enough for the transport. Over WebSocket each binary
 * attachment is its own frame, capped at `maxMessageBytes`. Over HTTP long-polling the
 * attachment travels base64 in the same request body as the rest of the message, so
 * 4/3 of it plus the JSON must fit in `maxMessageBytes`. A message over that cap is not refused
 * politely: the transport closes the connection.
 *
 * @throws ProtocolError `payload-too-large` naming the limit; TypeError for bad arguments.
 * @example
 * assertUpdateFitsLimits(payload.byteLength, welcome.limits, socket.io.engine.transport.name as TransportKind);
 */
export function assertUpdateFitsLimits(
  payloadBytes: number,
  limits: ProtocolLimits,
  transport: TransportKind = 'websocket',
): void {
  if (!Number.isSafeInteger(payloadBytes) || payloadBytes < 0)
    throw new TypeError('payloadBytes must be a non-negative integer');
  if (
    typeof limits !== 'object' ||
    limits === null ||
    !isPositiveInteger(limits.maxUpdateBytes) ||
    !isPositiveInteger(limits.maxMessageBytes)
  ) {
    throw new TypeError('limits must hold positive integers maxUpdateBytes and maxMessageBytes');
  }
  if (transport !== 'websocket' && transport !== 'polling')
    throw new TypeError("transport must be 'websocket' or 'polling'");
  if (payloadBytes > limits.maxUpdateBytes) {
    throw new ProtocolError(
      ErrorCode.PayloadTooLarge,
      `update payload of ${payloadBytes} bytes exceeds maxUpdateBytes ${limits.maxUpdateBytes}`,
    );
  }
  const transportBytes =
    transport === 'websocket' ? payloadBytes : 4 * Math.ceil(payloadBytes / 3) + POLLING_OVERHEAD_BYTES;
  if (transportBytes > limits.maxMessageBytes) {
    throw new ProtocolError(
      ErrorCode.PayloadTooLarge,
      `update payload of ${payloadBytes} bytes takes ${transportBytes} bytes over ${transport}, more than maxMessageBytes ${limits.maxMessageBytes}`,
    );
  }
}

function isPositiveInteger(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) > 0;
}
