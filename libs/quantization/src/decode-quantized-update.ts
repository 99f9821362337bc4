import { packedByteLength } from './packed-byte-length';
import { QuantizationFormatError } from './quantization-format-error';
import type { QuantizedUpdate } from './quantized-update';
import {
  QUANTIZED_UPDATE_HEADER_BYTES,
  QUANTIZED_UPDATE_MAGIC,
  QUANTIZED_UPDATE_SEGMENT_BYTES,
  QUANTIZED_UPDATE_VERSION,
} from './quantized-update-format';
import { MAX_QUANTIZER_BITS } from './quantizer-config';
import { unpackBitsInto } from './unpack-bits';

/**
 * Decodes and validates the wire form written by `encodeQuantizedUpdate`. Untrusted input: every
 * field is checked and a QuantizationFormatError says why bytes are rejected (`reason`):
 * `truncated` (shorter than the header says), `bad-magic`, `unsupported-version`, `bad-header`
 * (bits outside 1..16, non-zero flags) or `inconsistent` (segment lengths not summing to the length,
 * empty segments, non-finite offsets, negative or non-finite steps, trailing bytes, non-zero padding
 * bits).
 *
 * @example
 * const update = dequantize(decodeQuantizedUpdate(bytes));
 */
export function decodeQuantizedUpdate(bytes: Uint8Array): QuantizedUpdate {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('bytes must be a Uint8Array');
  if (bytes.length < QUANTIZED_UPDATE_MAGIC.length) {
    throw new QuantizationFormatError('truncated', `bytes has ${bytes.length} bytes, shorter than the magic`);
  }
  for (let i = 0; i < QUANTIZED_UPDATE_MAGIC.length; i++) {
    if (bytes[i] !== QUANTIZED_UPDATE_MAGIC[i]) {
      throw new QuantizationFormatError('bad-magic', 'bytes does not start with the quantized update magic "EFLQ"');
    }
  }
  if (bytes.length < QUANTIZED_UPDATE_HEADER_BYTES) {
    throw new QuantizationFormatError('truncated', `bytes has ${bytes.length} bytes, shorter than the 16-byte header`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(4);
  if (version !== QUANTIZED_UPDATE_VERSION) {
    throw new QuantizationFormatError('unsupported-version', `format version ${version} is not supported (expected ${QUANTIZED_UPDATE_VERSION})`);
  }
  const bits = view.getUint8(5);
  if (bits < 1 || bits > MAX_QUANTIZER_BITS) {
    throw new QuantizationFormatError('bad-header', `bits must be 1..${MAX_QUANTIZER_BITS}, got ${bits}`);
  }
  const flags = view.getUint16(6, true);
  if (flags !== 0) throw new QuantizationFormatError('bad-header', `flags must be 0, got ${flags}`);
  const length = view.getUint32(8, true);
  const segmentCount = view.getUint32(12, true);
  if (segmentCount > length || (length > 0 && segmentCount === 0)) {
    throw new QuantizationFormatError('inconsistent', `${segmentCount} segments cannot cover ${length} values`);
  }
  const levelsStart = QUANTIZED_UPDATE_HEADER_BYTES + QUANTIZED_UPDATE_SEGMENT_BYTES * segmentCount;
  const packedBytes = packedByteLength(length, bits);
  const expected = levelsStart + packedBytes;
  if (bytes.length < expected) {
    throw new QuantizationFormatError('truncated', `bytes has ${bytes.length} bytes, the header announces ${expected}`);
  }
  if (bytes.length > expected) {
    throw new QuantizationFormatError('inconsistent', `bytes has ${bytes.length - expected} trailing bytes after ${expected}`);
  }

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
    if (!Number.isFinite(offset)) throw new QuantizationFormatError('inconsistent', `segment ${s} offset is not finite: ${offset}`);
    if (!(step >= 0 && Number.isFinite(step))) {
      throw new QuantizationFormatError('inconsistent', `segment ${s} step must be finite and >= 0, got ${step}`);
    }
    total += segmentLength;
    segmentLengths[s] = segmentLength;
    offsets[s] = offset;
    steps[s] = step;
  }
  if (total !== length) {
    throw new QuantizationFormatError('inconsistent', `segment lengths sum to ${total}, the header says ${length} values`);
  }
  const levels = new Uint16Array(length);
  unpackBitsInto(bytes, levelsStart, bits, levels);
  const usedBits = (length * bits) % 8;
  if (usedBits !== 0 && bytes[expected - 1] >>> usedBits !== 0) {
    throw new QuantizationFormatError('inconsistent', 'padding bits after the last level are not zero');
  }
  return { bits, length, levels, offsets, steps, segmentLengths };
}
