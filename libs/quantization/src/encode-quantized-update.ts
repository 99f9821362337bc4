import { assertQuantizedUpdate } from './assert-quantized-update';
import { packBitsInto } from './pack-bits';
import { packedByteLength } from './packed-byte-length';
import type { QuantizedUpdate } from './quantized-update';
import {
  QUANTIZED_UPDATE_HEADER_BYTES,
  QUANTIZED_UPDATE_MAGIC,
  QUANTIZED_UPDATE_SEGMENT_BYTES,
  QUANTIZED_UPDATE_VERSION,
} from './quantized-update-format';

/**
 * Encodes a quantized update in its wire form (layout in `quantized-update-format.ts` and
 * docs/QUANTIZATION.md): a 16-byte header, 12 bytes per range segment, then the levels bit-packed,
 * `16 + 12 * segments + ceil(length * bits / 8)` bytes in all. Throws a QuantizationFormatError or
 * RangeError naming the part of `q` that is inconsistent.
 *
 * @example
 * const bytes = encodeQuantizedUpdate(stochasticQuantize(delta, config, seed));
 * socket.emit('update', bytes);
 */
export function encodeQuantizedUpdate(q: QuantizedUpdate): Uint8Array {
  assertQuantizedUpdate(q, 'q');
  const segmentCount = q.segmentLengths.length;
  const levelsStart = QUANTIZED_UPDATE_HEADER_BYTES + QUANTIZED_UPDATE_SEGMENT_BYTES * segmentCount;
  const out = new Uint8Array(levelsStart + packedByteLength(q.length, q.bits));
  const view = new DataView(out.buffer);
  out.set(QUANTIZED_UPDATE_MAGIC, 0);
  view.setUint8(4, QUANTIZED_UPDATE_VERSION);
  view.setUint8(5, q.bits);
  view.setUint16(6, 0, true);
  view.setUint32(8, q.length, true);
  view.setUint32(12, segmentCount, true);
  const offsetsStart = QUANTIZED_UPDATE_HEADER_BYTES + 4 * segmentCount;
  const stepsStart = offsetsStart + 4 * segmentCount;
  for (let s = 0; s < segmentCount; s++) {
    view.setUint32(QUANTIZED_UPDATE_HEADER_BYTES + 4 * s, q.segmentLengths[s], true);
    view.setFloat32(offsetsStart + 4 * s, q.offsets[s], true);
    view.setFloat32(stepsStart + 4 * s, q.steps[s], true);
  }
  packBitsInto(q.levels, q.bits, out, levelsStart);
  return out;
}
