import type { BinaryPayload } from './binary-payload';
import { toUint8Array } from './binary-payload';
import { invalid } from './field-readers';
import type { PruningMask } from './pruning-mask';

/**
 * The wire form of a {@link PruningMask} (`task.mask`, docs/PROTOCOL.md "Pruning mask"): a
 * bitmap over the flat parameter vector, bit i = 1 when coordinate i is kept, LSB-first (bit i
 * is bit `i % 8` of byte `floor(i / 8)`, the 1-bit case of the quantization codec's packBits),
 * `ceil(P / 8)` bytes, the unused high bits of the last byte 0.
 *
 * @example
 * encodePruningMask({ parameterCount: 10, keptIndices: Uint32Array.of(0, 2, 3, 9) }); // 0d 02
 */
export function encodePruningMask(mask: PruningMask): Uint8Array {
  const bytes = new Uint8Array(Math.ceil(mask.parameterCount / 8));
  for (const i of mask.keptIndices) {
    if (i >= mask.parameterCount)
      throw new RangeError(`kept index ${i} is outside the ${mask.parameterCount} coordinates`);
    bytes[i >>> 3] |= 1 << (i & 7);
  }
  return bytes;
}

/**
 * Reads a `task.mask` bitmap for a model of `parameterCount` coordinates.
 *
 * @throws ProtocolError `invalid-message` naming `path` when the length is not `ceil(P / 8)`
 *   bytes, a padding bit is set, or no coordinate is kept.
 * @example
 * const mask = decodePruningMask(task.mask, modelParameterCount(task.model));
 */
export function decodePruningMask(bytes: BinaryPayload, parameterCount: number, path = 'task.mask'): PruningMask {
  if (!Number.isSafeInteger(parameterCount) || parameterCount < 1)
    throw new RangeError(`parameterCount must be a positive integer, got ${parameterCount}`);
  const view = toUint8Array(bytes);
  if (!view) throw invalid(path, 'must be binary');
  const length = Math.ceil(parameterCount / 8);
  if (view.byteLength !== length) {
    throw invalid(
      path,
      `must be ${length} bytes (one bit per parameter, the model has ${parameterCount}), got ${view.byteLength}`,
    );
  }
  const spare = length * 8 - parameterCount;
  if (spare > 0 && view[length - 1] >>> (8 - spare) !== 0) throw invalid(path, 'must have its padding bits at 0');
  let count = 0;
  for (const byte of view) count += popcount(byte);
  if (count === 0) throw invalid(path, 'must keep at least one parameter');
  const keptIndices = new Uint32Array(count);
  for (let i = 0, k = 0; i < parameterCount; i++) if ((view[i >>> 3] >>> (i & 7)) & 1) keptIndices[k++] = i;
  return { parameterCount, keptIndices };
}

function popcount(byte: number): number {
  let count = 0;
  for (let b = byte; b !== 0; b &= b - 1) count++;
  return count;
}
