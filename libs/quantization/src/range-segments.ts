import type { ClipMode } from './clip-mode';

/**
 * The lengths of the range segments a clip mode gives a vector of `length` values: per tensor
 * (the given `segmentLengths`, else the whole vector), per chunk (each tensor cut into chunks of
 * `chunkSize`, the last one shorter) or one segment for the fixed round-wide range. An empty vector
 * has no segments. Throws a RangeError naming `segmentLengths` if they are not positive integers
 * summing to `length`.
 *
 * @example
 * rangeSegments(5, { kind: 'per-chunk', chunkSize: 2 }, [3, 2]); // Uint32Array [2, 1, 2]
 */
export function rangeSegments(length: number, clip: ClipMode, segmentLengths?: ArrayLike<number>): Uint32Array {
  const tensors = segmentLengths === undefined ? wholeVector(length) : checkedTensorLengths(length, segmentLengths);
  switch (clip.kind) {
    case 'per-tensor':
      return tensors;
    case 'fixed':
      return wholeVector(length);
    case 'per-chunk': {
      const chunkSize = clip.chunkSize;
      let count = 0;
      for (let t = 0; t < tensors.length; t++) count += Math.ceil(tensors[t] / chunkSize);
      const chunks = new Uint32Array(count);
      let c = 0;
      for (let t = 0; t < tensors.length; t++) {
        let remaining = tensors[t];
        while (remaining > 0) {
          const size = remaining < chunkSize ? remaining : chunkSize;
          chunks[c++] = size;
          remaining -= size;
        }
      }
      return chunks;
    }
  }
}

function wholeVector(length: number): Uint32Array {
  return length === 0 ? new Uint32Array(0) : Uint32Array.of(length);
}

function checkedTensorLengths(length: number, segmentLengths: ArrayLike<number>): Uint32Array {
  if (segmentLengths === null || typeof segmentLengths !== 'object' || typeof segmentLengths.length !== 'number') {
    throw new TypeError(`segmentLengths must be an array of lengths when given, got ${String(segmentLengths)}`);
  }
  const result = new Uint32Array(segmentLengths.length);
  let total = 0;
  for (let s = 0; s < segmentLengths.length; s++) {
    const segmentLength = segmentLengths[s];
    if (!Number.isInteger(segmentLength) || segmentLength < 1 || segmentLength > 0xffffffff) {
      throw new RangeError(`segmentLengths[${s}] must be a positive 32-bit integer, got ${segmentLength}`);
    }
    result[s] = segmentLength;
    total += segmentLength;
  }
  if (total !== length) throw new RangeError(`segmentLengths must sum to values.length ${length}, got ${total}`);
  return result;
}
