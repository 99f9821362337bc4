import type { IdxArray } from './idx-array';
import { IDX_ELEMENT_TYPES, idxTypeCodeOf } from './idx-type-code';

/**
 * Encodes an array as uncompressed IDX, the inverse of `parseIdx`. The type code follows the
 * typed array (Uint8Array 0x08 ... Float64Array 0x0E).
 *
 * @example
 * encodeIdx({ dims: [2], data: new Uint8Array([7, 9]) }); // Uint8Array [0, 0, 8, 1, 0, 0, 0, 2, 7, 9]
 */
export function encodeIdx(array: IdxArray): Uint8Array {
  if (typeof array !== 'object' || array === null) throw new Error('array must be an IdxArray');
  const { dims, data } = array;
  const code = idxTypeCodeOf(data);
  const type = code === undefined ? undefined : IDX_ELEMENT_TYPES.get(code);
  if (!type)
    throw new Error('array.data must be a Uint8Array, Int8Array, Int16Array, Int32Array, Float32Array or Float64Array');
  if (!Array.isArray(dims) || dims.length > 255) throw new Error('array.dims must be an array of at most 255 sizes');
  let count = 1;
  dims.forEach((size, d) => {
    if (!Number.isInteger(size) || size < 0 || size > 0xffffffff) {
      throw new Error(`array.dims[${d}] must be an integer in [0, 2^32), got ${size}`);
    }
    count *= size;
  });
  if (count !== data.length) {
    throw new Error(`array.data has ${data.length} elements, but array.dims [${dims.join(', ')}] need ${count}`);
  }
  const headerLength = 4 + 4 * dims.length;
  const bytes = new Uint8Array(headerLength + count * type.bytes);
  const view = new DataView(bytes.buffer);
  bytes[2] = type.code;
  bytes[3] = dims.length;
  dims.forEach((size, d) => view.setUint32(4 + 4 * d, size, false));
  if (data instanceof Uint8Array) {
    bytes.set(data, headerLength);
  } else {
    for (let i = 0, offset = headerLength; i < count; i++, offset += type.bytes) type.write(view, offset, data[i]);
  }
  return bytes;
}
