/** Why an encoded quantized update was rejected. */
export type QuantizationFormatErrorReason =
  'truncated' | 'bad-magic' | 'unsupported-version' | 'bad-header' | 'inconsistent';

/**
 * Thrown for a quantized update that is malformed: garbled or truncated bytes on decode, or a
 * `QuantizedUpdate` object whose parts do not fit together. `reason` says which check failed.
 *
 * @example
 * try { decodeQuantizedUpdate(bytes); } catch (e) {
 *   if (e instanceof QuantizationFormatError && e.reason === 'truncated') { ... }
 * }
 */
export class QuantizationFormatError extends Error {
  override readonly name = 'QuantizationFormatError';

  constructor(
    readonly reason: QuantizationFormatErrorReason,
    message: string,
  ) {
    super(message);
  }
}
