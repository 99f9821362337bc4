import { QuantizationFormatError } from './quantization-format-error';
import type { QuantizedUpdate } from './quantized-update';
import { QUANTIZED_UPDATE_HEADER_BYTES } from './quantized-update-format';
import { readQuantizedUpdateHeader } from './read-quantized-update-header';
import { unpackBitsInto } from './unpack-bits';

/**
 * Decodes and validates the wire form written by `encodeQuantizedUpdate`. Untrusted input: every
 * field is checked and a QuantizationFormatError says why bytes are rejected (`reason`):
 * `truncated` (shorter than the header says), `bad-magic`, `unsupported-version`, `bad-header`
 * (bits outside 1..16, non-zero flags) or `inconsistent` (segment lengths not summing to the length,
 * empty segments, non-finite offsets, negative or non-finite steps, trailing bytes, non-zero padding
 * bits).
 *
 * It allocates `length` levels: with untrusted senders, check {@link readQuantizedUpdateHeader}
 * against the expected bits and length first.
 *
 * @example
 * const update = dequantize(decodeQuantizedUpdate(bytes));
 */
export function decodeQuantizedUpdate(bytes: Uint8Array): QuantizedUpdate {
  const { bits, length, segmentCount, levelsStart, byteLength: expected } = readQuantizedUpdateHeader(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  const segmentLengths = new Uint32Array(segmentCount);
  const offsets = new Float32Array(segmentCount);
  const steps = new Float32Array(segmentCount);
  const offsetsStart = QUANTIZED_UPDATE_HEADER_BYTES + 4 * segmentCount;
  const stepsStart = offsetsStart + 4 * segmentCount;
  let total = 0;
  for (let s = 0; s < segmentCount; s++) {
    const segmentLength = view.getUint32(QUANTIZED_UPDATE_HEADER_BYTES + 4 * s, true);
    const offset = view.getFloat32(offsetsStart + 4 * s, true);
    const step = view.getFloat32(stepsStart + 4 * s, true);
    if (segmentLength === 0) throw new QuantizationFormatError('inconsistent', `segment ${s} has length 0`);
    if (!Number.isFinite(offset))
      throw new QuantizationFormatError('inconsistent', `segment ${s} offset is not finite: ${offset}`);
    if (!(step >= 0 && Number.isFinite(step))) {
      throw new QuantizationFormatError('inconsistent', `segment ${s} step must be finite and >= 0, got ${step}`);
    }
    total += segmentLength;
    segmentLengths[s] = segmentLength;
    offsets[s] = offset;
    steps[s] = step;
  }
  if (total !== length) {
    throw new QuantizationFormatError(
      'inconsistent',
      `segment lengths sum to ${total}, the header says ${length} values`,
    );
  }
  const levels = new Uint16Array(length);
  unpackBitsInto(bytes, levelsStart, bits, levels);
  const usedBits = (length * bits) % 8;
  if (usedBits !== 0 && bytes[expected - 1] >>> usedBits !== 0) {
    throw new QuantizationFormatError('inconsistent', 'padding bits after the last level are not zero');
  }
  return { bits, length, levels, offsets, steps, segmentLengths };
}
