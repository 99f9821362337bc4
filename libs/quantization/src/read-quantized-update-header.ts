import { packedByteLength } from './packed-byte-length';
import { QuantizationFormatError } from './quantization-format-error';
import {
  QUANTIZED_UPDATE_HEADER_BYTES,
  QUANTIZED_UPDATE_MAGIC,
  QUANTIZED_UPDATE_SEGMENT_BYTES,
  QUANTIZED_UPDATE_VERSION,
} from './quantized-update-format';
import { MAX_QUANTIZER_BITS } from './quantizer-config';

/** What the 16-byte header of an encoded quantized update declares, checked against the byte count. */
export interface QuantizedUpdateHeader {
  /** Bits per level, 1..16. */
  bits: number;
  /** Values (levels) the body holds. */
  length: number;
  /** Range segments. */
  segmentCount: number;
  /** Byte offset of the packed levels: 16 + 12 * segmentCount. */
  levelsStart: number;
  /** Total bytes the header announces; equal to `bytes.length`. */
  byteLength: number;
}

/**
 * Reads and checks the header of an encoded quantized update in O(1), allocating nothing: the
 * magic, the version, bits in 1..16, zero flags, a segment count that can cover the length, and a
 * byte count equal to what the header announces. A receiver compares `bits` and `length` with
 * what it expects before it decodes (and allocates for) the body, so a small payload cannot make
 * it allocate for a length it declares but does not need.
 *
 * @throws QuantizationFormatError (`truncated`, `bad-magic`, `unsupported-version`, `bad-header`,
 *   `inconsistent`) as {@link decodeQuantizedUpdate} does.
 * @example
 * const header = readQuantizedUpdateHeader(payload);
 * if (header.length !== parameterCount) throw new Error('wrong length');
 * const update = decodeQuantizedUpdate(payload);
 */
export function readQuantizedUpdateHeader(bytes: Uint8Array): QuantizedUpdateHeader {
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
    throw new QuantizationFormatError(
      'unsupported-version',
      `format version ${version} is not supported (expected ${QUANTIZED_UPDATE_VERSION})`,
    );
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
  const byteLength = levelsStart + packedByteLength(length, bits);
  if (bytes.length < byteLength) {
    throw new QuantizationFormatError(
      'truncated',
      `bytes has ${bytes.length} bytes, the header announces ${byteLength}`,
    );
  }
  if (bytes.length > byteLength) {
    throw new QuantizationFormatError(
      'inconsistent',
      `bytes has ${bytes.length - byteLength} trailing bytes after ${byteLength}`,
    );
  }
  return { bits, length, segmentCount, levelsStart, byteLength };
}
