import { ErrorCode } from './error-code';
import { invalid, readBinary, readId, readLiteral, readRecord } from './field-readers';
import { DEFAULT_LIMITS, type ProtocolLimits } from './limits';
import type { SecAggMaskedInputMessage } from './secagg-client-messages';
import { readCohortIndex } from './secagg-field-readers';

/**
 * Validates a `secagg-masked-input` from the wire. The packed vector's exact length and padding
 * are checked by the round, which knows L and m.
 *
 * @throws ProtocolError `payload-too-large` above `limits.maxUpdateBytes`, `invalid-message` naming any other bad field.
 * @example
 * const upload = parseSecAggMaskedInputMessage(input, coordinatorLimits);
 */
export function parseSecAggMaskedInputMessage(
  input: unknown,
  limits: ProtocolLimits = DEFAULT_LIMITS,
): SecAggMaskedInputMessage {
  if (!Number.isSafeInteger(limits?.maxUpdateBytes) || limits.maxUpdateBytes < 1)
    throw new TypeError('limits.maxUpdateBytes must be a positive integer');
  const source = readRecord(input, 'secagg-masked-input');
  const message: SecAggMaskedInputMessage = {
    type: readLiteral(source, 'type', ['secagg-masked-input']),
    roundId: readId(source, 'roundId'),
    clientIndex: readCohortIndex(source, 'clientIndex'),
    maskedVector: readBinary(source, 'maskedVector'),
  };
  const bytes = message.maskedVector.byteLength;
  if (bytes > limits.maxUpdateBytes) {
    throw invalid(
      'secagg-masked-input.maskedVector',
      `has ${bytes} bytes, more than maxUpdateBytes ${limits.maxUpdateBytes}`,
      ErrorCode.PayloadTooLarge,
    );
  }
  if (bytes === 0) throw invalid('secagg-masked-input.maskedVector', 'must not be empty', ErrorCode.InvalidUpdate);
  return message;
}
