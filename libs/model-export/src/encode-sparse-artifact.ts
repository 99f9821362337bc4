import type { ModelSpec } from '@edgefl/protocol';
import { namedWeights } from './named-weight';
import { quantizeInt8PerChannel } from './quantize-int8-per-channel';
import {
  SPARSE_ARTIFACT_MAGIC,
  SPARSE_ARTIFACT_VERSION,
  SPARSE_LAYOUT,
  SPARSE_PRECISION_CODES,
  sparseQuantizationAxis,
  type SparsePrecision,
} from './sparse-artifact-format';

/**
 * Writes the sparse weights file of the model `(spec, flat)` (format: `sparse-artifact-format.ts`):
 * every tensor with enough exact zeros as a bitmap plus its kept values, the others dense; values
 * as float32, or with `precision` 'int8' the kernels as symmetric per-channel int8 (biases stay
 * float32). For the reference model at 75% sparsity it is about K x (4 or 1) bytes, K the kept
 * weights, plus one bit of bitmap per weight of the pruned kernels (6,870 bytes in int8).
 *
 * @example
 * const bytes = encodeSparseArtifact(spec, prunedWeights, 'int8');
 * const { weights } = decodeSparseArtifact(bytes); // the int8-dequantized pruned weights
 */
export function encodeSparseArtifact(spec: ModelSpec, flat: Float32Array, precision: SparsePrecision): Uint8Array {
  if (!(precision in SPARSE_PRECISION_CODES))
    throw new RangeError(`precision must be float32 or int8, got ${precision}`);
  const tensors = namedWeights(spec, flat);
  for (const value of flat) if (!Number.isFinite(value)) throw new RangeError('flat must hold finite values only');
  const specBytes = new TextEncoder().encode(JSON.stringify(spec));
  const parts: Uint8Array[] = [];
  const header = new Uint8Array(12);
  header.set(new TextEncoder().encode(SPARSE_ARTIFACT_MAGIC), 0);
  header[4] = SPARSE_ARTIFACT_VERSION;
  header[5] = SPARSE_PRECISION_CODES[precision];
  new DataView(header.buffer).setUint32(8, specBytes.length, true);
  parts.push(header, specBytes);
  for (const { shape, values } of tensors) {
    const n = values.length;
    const int8 = precision === 'int8' && shape.length >= 2;
    const valueBytes = int8 ? 1 : 4;
    let kept = 0;
    for (const value of values) if (value !== 0) kept++;
    const bitmapBytes = Math.ceil(n / 8);
    const bitmap = bitmapBytes + kept * valueBytes < n * valueBytes;
    parts.push(Uint8Array.of(bitmap ? SPARSE_LAYOUT.bitmap : SPARSE_LAYOUT.dense));
    if (bitmap) {
      const bits = new Uint8Array(bitmapBytes);
      for (let i = 0; i < n; i++) if (values[i] !== 0) bits[i >> 3] |= 1 << (i & 7);
      parts.push(bits);
    }
    const keep = (i: number) => !bitmap || values[i] !== 0;
    if (int8) {
      const q = quantizeInt8PerChannel(values, shape, sparseQuantizationAxis(shape));
      parts.push(littleEndianFloat32(q.scales));
      const out = new Int8Array(bitmap ? kept : n);
      let j = 0;
      for (let i = 0; i < n; i++) if (keep(i)) out[j++] = q.data[i];
      parts.push(new Uint8Array(out.buffer));
    } else {
      const out = new Float32Array(bitmap ? kept : n);
      let j = 0;
      for (let i = 0; i < n; i++) if (keep(i)) out[j++] = values[i];
      parts.push(littleEndianFloat32(out));
    }
  }
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

function littleEndianFloat32(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return bytes;
}
