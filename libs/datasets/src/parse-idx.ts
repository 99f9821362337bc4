import type { IdxArray } from './idx-array';
import { IDX_ELEMENT_TYPES } from './idx-type-code';

/**
 * Decodes an uncompressed IDX file: magic 0x00 0x00 <type> <ndims>, ndims big-endian uint32
 * sizes, then the elements big-endian. The result owns its data (no view into `bytes`).
 *
 * @example
 * parseIdx(new Uint8Array([0, 0, 0x08, 1, 0, 0, 0, 2, 7, 9])); // { dims: [2], data: Uint8Array [7, 9] }
 */
export function parseIdx(bytes: Uint8Array): IdxArray {
  if (!(bytes instanceof Uint8Array)) throw new Error('bytes must be a Uint8Array');
  if (bytes.length < 4) throw new Error(`bytes is too short for an IDX header (${bytes.length} bytes)`);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new Error(`bytes is not IDX: magic must start with 0x00 0x00 (a gzip file must be decompressed first)`);
  }
  const type = IDX_ELEMENT_TYPES.get(bytes[2]);
  if (!type) throw new Error(`bytes has unknown IDX type code 0x${bytes[2].toString(16).padStart(2, '0')}`);
  const ndims = bytes[3];
  const headerLength = 4 + 4 * ndims;
  if (bytes.length < headerLength) throw new Error(`bytes is too short for ${ndims} IDX dimensions`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let count = 1;
  for (let d = 0; d < ndims; d++) {
    const size = view.getUint32(4 + 4 * d, false);
    dims.push(size);
    count *= size;
  }
  const expectedLength = headerLength + count * type.bytes;
  if (bytes.length !== expectedLength) {
    throw new Error(
      `bytes has ${bytes.length} bytes, but dims [${dims.join(', ')}] of ${type.name} need ${expectedLength}`,
    );
  }
  if (type.code === 0x08) {
    return { dims, data: bytes.slice(headerLength) };
  }
  const data = type.create(count);
  for (let i = 0, offset = headerLength; i < count; i++, offset += type.bytes) data[i] = type.read(view, offset);
  return { dims, data };
}
