import { type BinaryPayload, _typedArrayName } from './binary-payload';
import { ErrorCode } from './error-code';
import { ProtocolError } from './protocol-error';
import { decodeTensors, encodeTensors } from './tensor-codec';

/**
 * Encodes a flat float32 vector (a model delta) as a tensor list holding one float32 tensor of
 * shape [length]: the `float32` update encoding. Non-finite values are refused here, since the
 * coordinator would refuse them anyway.
 *
 * @throws TypeError when `vector` is not a Float32Array; RangeError naming the first NaN/Inf index.
 * @example
 * const payload = encodeFloat32Vector(delta); // 16 + 4 * delta.length bytes
 */
export function encodeFloat32Vector(vector: Float32Array): Uint8Array {
  if (_typedArrayName(vector) !== 'Float32Array') throw new TypeError('vector must be a Float32Array');
  const badIndex = firstNonFiniteIndex(vector);
  if (badIndex >= 0) throw new RangeError(`vector[${badIndex}] must be finite, got ${vector[badIndex]}`);
  return encodeTensors([{ dtype: 'float32', shape: [vector.length], data: vector }]);
}

/**
 * Decodes a `float32` update payload: exactly one rank-1 float32 tensor, every element finite,
 * and `expectedLength` elements when given.
 *
 * @throws ProtocolError `invalid-update` naming the problem (codec error, tensor count, dtype,
 *   rank, length, first NaN/Inf index); `invalid-message` when `bytes` is not binary.
 * @example
 * const delta = decodeFloat32Vector(update.payload, parameterCount);
 */
export function decodeFloat32Vector(bytes: BinaryPayload, expectedLength?: number): Float32Array {
  if (expectedLength !== undefined && (!Number.isSafeInteger(expectedLength) || expectedLength < 0)) {
    throw new TypeError('expectedLength must be a non-negative integer when given');
  }
  const tensors = decodeTensors(bytes, { maxTensors: 1, maxElements: expectedLength });
  const invalid = (problem: string): ProtocolError =>
    new ProtocolError(ErrorCode.InvalidUpdate, `float32 vector ${problem}`);
  if (tensors.length !== 1) throw invalid(`must hold exactly one tensor, got ${tensors.length}`);
  const [{ dtype, shape, data }] = tensors;
  if (dtype !== 'float32') throw invalid(`must have dtype float32, got ${dtype}`);
  if (shape.length !== 1) throw invalid(`must have rank 1, got rank ${shape.length}`);
  if (expectedLength !== undefined && shape[0] !== expectedLength)
    throw invalid(`must have ${expectedLength} elements, got ${shape[0]}`);
  const vector = data as Float32Array;
  const badIndex = firstNonFiniteIndex(vector);
  if (badIndex >= 0) throw invalid(`element ${badIndex} is not finite`);
  return vector;
}

function firstNonFiniteIndex(vector: Float32Array): number {
  for (let i = 0; i < vector.length; i++) {
    // `x - x` is NaN exactly for NaN and +-Infinity, and cheaper than Number.isFinite per element.
    if (vector[i] - vector[i] !== 0) return i;
  }
  return -1;
}
