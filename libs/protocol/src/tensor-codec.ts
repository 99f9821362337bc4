import { type BinaryPayload, toUint8Array } from './binary-payload';
import { ErrorCode } from './error-code';
import { ProtocolError } from './protocol-error';
import { type TensorData, type TensorDType, TENSOR_DTYPE_CODES, _dtypeInfo, _dtypeInfoByCode } from './tensor-dtype';

/** One tensor as the codec carries it: row-major elements of `data` in the order of `shape`. */
export interface EncodedTensor {
  dtype: TensorDType;
  /** Dimensions, 0 to {@link MAX_TENSOR_RANK} of them, each 0 to 2^32 - 1; `[]` is a scalar. */
  shape: number[];
  data: TensorData;
}

/** Bounds for {@link decodeTensors}; bytes from the wire are refused before anything big is allocated. */
export interface TensorDecodeOptions {
  /** Most tensors the list may declare (default 65536). */
  maxTensors?: number;
  /** Most elements summed over all tensors (default: whatever the byte length allows). */
  maxElements?: number;
}

/** The four ASCII bytes every tensor list starts with. */
export const TENSOR_CODEC_MAGIC = 'EFT1';
/** Highest rank the codec carries. */
export const MAX_TENSOR_RANK = 8;

const MAGIC_BYTES = [0x45, 0x46, 0x54, 0x31];
const LIST_HEADER_BYTES = 8;
const TENSOR_HEADER_BYTES = 4;
const MAX_DIM = 0xffff_ffff;
const DEFAULT_MAX_TENSORS = 65_536;
// Typed arrays use the host's byte order; the wire is little-endian. Every current JS host is
// little-endian, so raw byte copies are the fast path and DataView the correct fallback.
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Encodes a list of tensors into the EdgeFL tensor codec (docs/PROTOCOL.md, "Tensor codec"):
 * magic "EFT1", u32 count, per tensor `u8 dtype, u8 rank, u16 0, rank x u32 dims`, then each
 * tensor's little-endian elements padded to 4 bytes.
 *
 * @example
 * const bytes = encodeTensors([{ dtype: 'float32', shape: [2], data: new Float32Array([1.5, -2]) }]);
 * // 45 46 54 31 01 00 00 00 01 01 00 00 02 00 00 00 00 00 c0 3f 00 00 00 c0
 */
export function encodeTensors(tensors: readonly EncodedTensor[]): Uint8Array {
  if (!Array.isArray(tensors)) throw new TypeError('tensors must be an array of EncodedTensor');
  if (tensors.length > MAX_DIM) throw new RangeError(`tensors must hold at most ${MAX_DIM} entries`);
  let headerBytes = LIST_HEADER_BYTES;
  let dataBytes = 0;
  const layouts = tensors.map((tensor: unknown, index) => {
    const layout = checkTensor(tensor, `tensors[${index}]`);
    headerBytes += TENSOR_HEADER_BYTES + 4 * layout.shape.length;
    dataBytes += padTo4(layout.data.byteLength);
    return layout;
  });
  headerBytes = padTo4(headerBytes);

  const out = new Uint8Array(headerBytes + dataBytes);
  const view = new DataView(out.buffer);
  out.set(MAGIC_BYTES, 0);
  view.setUint32(4, layouts.length, true);
  let offset = LIST_HEADER_BYTES;
  for (const { dtype, shape } of layouts) {
    view.setUint8(offset, TENSOR_DTYPE_CODES[dtype]);
    view.setUint8(offset + 1, shape.length);
    view.setUint16(offset + 2, 0, true);
    offset += TENSOR_HEADER_BYTES;
    for (const dim of shape) {
      view.setUint32(offset, dim, true);
      offset += 4;
    }
  }
  offset = headerBytes;
  for (const { dtype, data } of layouts) {
    _writeElements(dtype, data, view, offset, HOST_IS_LITTLE_ENDIAN);
    offset += padTo4(data.byteLength);
  }
  return out;
}

/**
 * Decodes a tensor list produced by {@link encodeTensors}. Accepts a Uint8Array (Node `Buffer`
 * included, at any byte offset) or an ArrayBuffer, never assumes alignment, and copies each
 * tensor into a fresh typed array. Element values are not inspected (see decodeFloat32Vector
 * for a finite-value check).
 *
 * @throws ProtocolError `invalid-message` when `bytes` is not binary; `invalid-update` for a bad
 *   magic, truncation, unknown dtype, rank over 8, non-zero reserved or padding bytes, too many
 *   tensors or elements, or trailing bytes. The message names the problem and the tensor index.
 * @example
 * const [weights] = decodeTensors(message.weights, { maxTensors: 16 });
 */
export function decodeTensors(bytes: BinaryPayload, options: TensorDecodeOptions = {}): EncodedTensor[] {
  const { maxTensors, maxElements } = checkDecodeOptions(options);
  const input = toUint8Array(bytes);
  if (input === undefined)
    throw new ProtocolError(ErrorCode.InvalidMessage, 'tensor list must be a Uint8Array or an ArrayBuffer');
  const length = input.byteLength;
  const view = new DataView(input.buffer, input.byteOffset, length);
  const fail = (problem: string): never => {
    throw new ProtocolError(ErrorCode.InvalidUpdate, `tensor list ${problem}`);
  };

  if (length < LIST_HEADER_BYTES) fail(`is truncated: ${length} bytes, the list header needs ${LIST_HEADER_BYTES}`);
  if (MAGIC_BYTES.some((byte, i) => input[i] !== byte)) fail(`does not start with the magic "${TENSOR_CODEC_MAGIC}"`);
  const count = view.getUint32(4, true);
  if (count > maxTensors) fail(`declares ${count} tensors, more than maxTensors ${maxTensors}`);
  if (LIST_HEADER_BYTES + count * TENSOR_HEADER_BYTES > length)
    fail(`is truncated: ${count} tensor headers cannot fit in ${length} bytes`);

  const headers: {
    dtype: TensorDType;
    shape: number[];
    elements: number;
    byteLength: number;
    create: (n: number) => TensorData;
  }[] = [];
  let offset = LIST_HEADER_BYTES;
  let totalElements = 0;
  for (let index = 0; index < count; index++) {
    if (offset + TENSOR_HEADER_BYTES > length) fail(`is truncated in the header of tensor ${index}`);
    const code = view.getUint8(offset);
    const rank = view.getUint8(offset + 1);
    const reserved = view.getUint16(offset + 2, true);
    const info = _dtypeInfoByCode(code);
    if (info === undefined) fail(`tensor ${index} has unknown dtype code ${code}`);
    if (rank > MAX_TENSOR_RANK) fail(`tensor ${index} has rank ${rank}, more than ${MAX_TENSOR_RANK}`);
    if (reserved !== 0) fail(`tensor ${index} has non-zero reserved bytes`);
    offset += TENSOR_HEADER_BYTES;
    if (offset + 4 * rank > length) fail(`is truncated in the dims of tensor ${index}`);
    const shape: number[] = [];
    for (let d = 0; d < rank; d++) shape.push(view.getUint32(offset + 4 * d, true));
    offset += 4 * rank;
    const elements = elementCount(shape, length);
    // Every element takes at least one byte, so this bound also keeps the sums below exact.
    if (elements === undefined)
      fail(`tensor ${index} declares more elements than the ${length} bytes of the list can hold`);
    totalElements += elements as number;
    if (totalElements > maxElements)
      fail(`declares more than maxElements ${maxElements} elements (at tensor ${index})`);
    const { dtype, bytesPerElement, create } = info as NonNullable<typeof info>;
    headers.push({
      dtype,
      shape,
      elements: elements as number,
      byteLength: (elements as number) * bytesPerElement,
      create,
    });
  }

  offset = expectZeroPadding(input, offset, 'after the tensor headers', fail);
  const tensors: EncodedTensor[] = [];
  for (let index = 0; index < headers.length; index++) {
    const { dtype, shape, elements, byteLength, create } = headers[index];
    if (offset + byteLength > length)
      fail(`is truncated in the data of tensor ${index}: needs ${byteLength} bytes, ${length - offset} remain`);
    const data = create(elements);
    _readElements(dtype, view, offset, data, HOST_IS_LITTLE_ENDIAN);
    offset = expectZeroPadding(input, offset + byteLength, `after the data of tensor ${index}`, fail);
    tensors.push({ dtype, shape, data });
  }
  if (offset !== length) fail(`has ${length - offset} trailing bytes after tensor ${count - 1}`);
  return tensors;
}

/** @internal Writes `data` little-endian at `offset`; `byteCopy` only on little-endian hosts. */
export function _writeElements(
  dtype: TensorDType,
  data: TensorData,
  view: DataView,
  offset: number,
  byteCopy: boolean,
): void {
  if (byteCopy || data.BYTES_PER_ELEMENT === 1) {
    new Uint8Array(view.buffer, view.byteOffset + offset, data.byteLength).set(
      new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    );
    return;
  }
  const n = data.length;
  switch (dtype) {
    case 'float32':
      for (let i = 0; i < n; i++) view.setFloat32(offset + 4 * i, data[i], true);
      return;
    case 'int32':
      for (let i = 0; i < n; i++) view.setInt32(offset + 4 * i, data[i], true);
      return;
    case 'uint32':
      for (let i = 0; i < n; i++) view.setUint32(offset + 4 * i, data[i], true);
      return;
    case 'uint16':
      for (let i = 0; i < n; i++) view.setUint16(offset + 2 * i, data[i], true);
      return;
    case 'uint8':
      return; // handled by the byte copy above
    default: {
      const unknownDType: never = dtype;
      throw new TypeError(`dtype ${String(unknownDType)} is not supported`);
    }
  }
}

/** @internal Fills `data` from little-endian bytes at `offset`; `byteCopy` only on little-endian hosts. */
export function _readElements(
  dtype: TensorDType,
  view: DataView,
  offset: number,
  data: TensorData,
  byteCopy: boolean,
): void {
  if (byteCopy || data.BYTES_PER_ELEMENT === 1) {
    new Uint8Array(data.buffer, data.byteOffset, data.byteLength).set(
      new Uint8Array(view.buffer, view.byteOffset + offset, data.byteLength),
    );
    return;
  }
  const n = data.length;
  switch (dtype) {
    case 'float32':
      for (let i = 0; i < n; i++) data[i] = view.getFloat32(offset + 4 * i, true);
      return;
    case 'int32':
      for (let i = 0; i < n; i++) data[i] = view.getInt32(offset + 4 * i, true);
      return;
    case 'uint32':
      for (let i = 0; i < n; i++) data[i] = view.getUint32(offset + 4 * i, true);
      return;
    case 'uint16':
      for (let i = 0; i < n; i++) data[i] = view.getUint16(offset + 2 * i, true);
      return;
    case 'uint8':
      return;
    default: {
      const unknownDType: never = dtype;
      throw new TypeError(`dtype ${String(unknownDType)} is not supported`);
    }
  }
}

function checkTensor(tensor: unknown, name: string): EncodedTensor {
  if (typeof tensor !== 'object' || tensor === null)
    throw new TypeError(`${name} must be an object { dtype, shape, data }`);
  const { dtype, shape, data } = tensor as Partial<EncodedTensor>;
  const info = _dtypeInfo(dtype);
  if (info === undefined)
    throw new TypeError(`${name}.dtype must be one of ${Object.keys(TENSOR_DTYPE_CODES).join(', ')}`);
  if (!Array.isArray(shape) || shape.length > MAX_TENSOR_RANK) {
    throw new TypeError(`${name}.shape must be an array of at most ${MAX_TENSOR_RANK} dims`);
  }
  shape.forEach((dim: unknown, d) => {
    if (!Number.isInteger(dim) || (dim as number) < 0 || (dim as number) > MAX_DIM) {
      throw new RangeError(`${name}.shape[${d}] must be an integer in [0, ${MAX_DIM}]`);
    }
  });
  if (!info.matches(data)) throw new TypeError(`${name}.data must be the typed array of dtype ${info.dtype}`);
  const elements = shape.reduce((product: number, dim: number) => product * dim, 1);
  const typed = data as TensorData;
  if (typed.length !== elements)
    throw new RangeError(`${name}.data has ${typed.length} elements, shape [${shape.join(', ')}] needs ${elements}`);
  return { dtype: info.dtype, shape, data: typed };
}

function checkDecodeOptions(options: unknown): { maxTensors: number; maxElements: number } {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
  const { maxTensors = DEFAULT_MAX_TENSORS, maxElements = Number.MAX_SAFE_INTEGER } = options as TensorDecodeOptions;
  if (!Number.isSafeInteger(maxTensors) || maxTensors < 0)
    throw new TypeError(`options.maxTensors must be a non-negative integer`);
  if (!Number.isSafeInteger(maxElements) || maxElements < 0)
    throw new TypeError(`options.maxElements must be a non-negative integer`);
  return { maxTensors, maxElements };
}

/** Product of dims, or undefined when it exceeds `bound` (a zero dim makes it 0 whatever the others). */
function elementCount(shape: readonly number[], bound: number): number | undefined {
  if (shape.includes(0)) return 0;
  let product = 1;
  for (const dim of shape) {
    product *= dim;
    if (product > bound) return undefined;
  }
  return product;
}

function expectZeroPadding(input: Uint8Array, offset: number, where: string, fail: (problem: string) => never): number {
  const end = padTo4(offset);
  if (end > input.byteLength) fail(`is truncated in the padding ${where}`);
  for (let i = offset; i < end; i++) if (input[i] !== 0) fail(`has non-zero padding ${where}`);
  return end;
}

function padTo4(byteLength: number): number {
  return Math.ceil(byteLength / 4) * 4;
}
