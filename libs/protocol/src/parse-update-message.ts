import type { UpdateMessage } from './client-messages';
import { ErrorCode } from './error-code';
import {
  hasField,
  invalid,
  readBinary,
  readFiniteNumber,
  readId,
  readInteger,
  readLiteral,
  readNestedRecord,
  readRecord,
} from './field-readers';
import { DEFAULT_LIMITS, type ProtocolLimits } from './limits';
import { readUpdateEncoding } from './read-update-encoding';

/**
 * Validates an `update` from the wire (docs/PROTOCOL.md, "update"). The payload may arrive as a
 * Uint8Array, a Node Buffer or an ArrayBuffer and is returned as a plain Uint8Array view of the
 * same bytes (no copy). The payload's content is not decoded here: that is the encoding's job.
 *
 * @param limits the limits advertised in `welcome`; defaults to {@link DEFAULT_LIMITS}.
 * @throws ProtocolError `payload-too-large` when the payload exceeds `limits.maxUpdateBytes`,
 *   `invalid-update` when it is empty, `invalid-message` naming any other bad field, e.g.
 *   `update.numSamples must be a positive integer`.
 * @example
 * const update = parseUpdateMessage(input, coordinatorLimits);
 */
export function parseUpdateMessage(input: unknown, limits: ProtocolLimits = DEFAULT_LIMITS): UpdateMessage {
  checkLimits(limits);
  const source = readRecord(input, 'update');
  const update: UpdateMessage = {
    type: readLiteral(source, 'type', ['update']),
    roundId: readId(source, 'roundId'),
    modelVersion: readInteger(source, 'modelVersion'),
    numSamples: readInteger(source, 'numSamples', 1),
    encoding: readUpdateEncoding(source, 'encoding'),
    payload: readBinary(source, 'payload'),
  };
  if (update.payload.byteLength > limits.maxUpdateBytes) {
    throw invalid(
      'update.payload',
      `has ${update.payload.byteLength} bytes, more than maxUpdateBytes ${limits.maxUpdateBytes}`,
      ErrorCode.PayloadTooLarge,
    );
  }
  if (update.payload.byteLength === 0) throw invalid('update.payload', 'must not be empty', ErrorCode.InvalidUpdate);
  if (hasField(source, 'metrics')) {
    const metricsSource = readNestedRecord(source, 'metrics');
    const metrics: NonNullable<UpdateMessage['metrics']> = {};
    if (hasField(metricsSource, 'loss')) metrics.loss = readFiniteNumber(metricsSource, 'loss');
    if (hasField(metricsSource, 'accuracy')) metrics.accuracy = readFiniteNumber(metricsSource, 'accuracy');
    update.metrics = metrics;
  }
  return update;
}

function checkLimits(limits: unknown): void {
  const maxUpdateBytes =
    typeof limits === 'object' && limits !== null ? (limits as ProtocolLimits).maxUpdateBytes : undefined;
  if (!Number.isSafeInteger(maxUpdateBytes) || (maxUpdateBytes as number) < 1) {
    throw new TypeError('limits.maxUpdateBytes must be a positive integer');
  }
}
