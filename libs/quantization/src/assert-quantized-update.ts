import { QuantizationFormatError } from './quantization-format-error';
import { assertQuantizerBits } from './quantizer-config';
import type { QuantizedUpdate } from './quantized-update';

/**
 * Checks the shape of a `QuantizedUpdate` (types, array lengths, segment lengths summing to
 * `length`, finite offsets, finite non-negative steps) in O(segments). Levels are range-checked by
 * the consumers' own loops, so this costs no extra pass over the values.
 *
 * @example
 * assertQuantizedUpdate(q, 'q');
 */
export function assertQuantizedUpdate(q: QuantizedUpdate, argName: string): void {
  if (typeof q !== 'object' || q === null) {
    throw new TypeError(`${argName} must be a QuantizedUpdate object, got ${String(q)}`);
  }
  assertQuantizerBits(q.bits, `${argName}.bits`);
  if (!Number.isInteger(q.length) || q.length < 0 || q.length > 0xffffffff) {
    throw new RangeError(`${argName}.length must be a non-negative 32-bit integer, got ${q.length}`);
  }
  if (!(q.levels instanceof Uint16Array)) throw new TypeError(`${argName}.levels must be a Uint16Array`);
  if (!(q.offsets instanceof Float32Array)) throw new TypeError(`${argName}.offsets must be a Float32Array`);
  if (!(q.steps instanceof Float32Array)) throw new TypeError(`${argName}.steps must be a Float32Array`);
  if (!(q.segmentLengths instanceof Uint32Array))
    throw new TypeError(`${argName}.segmentLengths must be a Uint32Array`);
  if (q.levels.length !== q.length) {
    throw new QuantizationFormatError(
      'inconsistent',
      `${argName}.levels has ${q.levels.length} entries, length is ${q.length}`,
    );
  }
  const segmentCount = q.segmentLengths.length;
  if (q.offsets.length !== segmentCount || q.steps.length !== segmentCount) {
    throw new QuantizationFormatError(
      'inconsistent',
      `${argName}: ${segmentCount} segments but ${q.offsets.length} offsets and ${q.steps.length} steps`,
    );
  }
  let total = 0;
  for (let s = 0; s < segmentCount; s++) {
    const segmentLength = q.segmentLengths[s];
    if (segmentLength === 0) throw new QuantizationFormatError('inconsistent', `${argName}.segmentLengths[${s}] is 0`);
    total += segmentLength;
    if (!Number.isFinite(q.offsets[s])) {
      throw new QuantizationFormatError('inconsistent', `${argName}.offsets[${s}] is not finite: ${q.offsets[s]}`);
    }
    const step = q.steps[s];
    if (!(step >= 0 && Number.isFinite(step))) {
      throw new QuantizationFormatError('inconsistent', `${argName}.steps[${s}] must be finite and >= 0, got ${step}`);
    }
  }
  if (total !== q.length) {
    throw new QuantizationFormatError(
      'inconsistent',
      `${argName}.segmentLengths sum to ${total}, length is ${q.length}`,
    );
  }
}
