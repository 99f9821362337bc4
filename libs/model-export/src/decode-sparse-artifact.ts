import { assertModelSpec, weightShapes } from '@edgefl/models';
import type { ModelSpec } from '@edgefl/protocol';
import {
  SPARSE_ARTIFACT_MAGIC,
  SPARSE_ARTIFACT_VERSION,
  SPARSE_LAYOUT,
  SPARSE_PRECISION_CODES,
  SparseArtifactError,
  sparseQuantizationAxis,
  type SparsePrecision,
} from './sparse-artifact-format';

/** What a sparse weights file holds. */
export interface SparseArtifact {
  spec: ModelSpec;
  precision: SparsePrecision;
  /** The flat weight vector (`getFlatWeights` order), int8 values dequantized, pruned ones +0. */
  weights: Float32Array;
}

/** Largest spec JSON the reader accepts, in bytes. */
const MAX_SPEC_BYTES = 4096;

/**
 * Reads a sparse weights file (format: `sparse-artifact-format.ts`) back into the model spec and
 * the flat weights; isomorphic (no I/O). Every malformed field is a {@link SparseArtifactError}
 * naming it, and the file must end exactly where its last tensor does.
 *
 * @example
 * const { spec, weights } = decodeSparseArtifact(await (await fetch('model-sparse-int8.efls')).bytes());
 */
export function decodeSparseArtifact(bytes: Uint8Array): SparseArtifact {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('bytes must be a Uint8Array');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  const need = (count: number, what: string) => {
    if (offset + count > bytes.length)
      throw new SparseArtifactError(`sparse artifact truncated: ${what} needs ${count} bytes at offset ${offset}`);
  };
  need(12, 'the header');
  const magic = new TextDecoder().decode(bytes.subarray(0, 4));
  if (magic !== SPARSE_ARTIFACT_MAGIC)
    throw new SparseArtifactError(`not a sparse artifact: magic ${JSON.stringify(magic)}, expected "EFLS"`);
  if (bytes[4] !== SPARSE_ARTIFACT_VERSION)
    throw new SparseArtifactError(`sparse artifact version ${bytes[4]} is not supported (1)`);
  const precision = (Object.keys(SPARSE_PRECISION_CODES) as SparsePrecision[]).find(
    (name) => SPARSE_PRECISION_CODES[name] === bytes[5],
  );
  if (!precision) throw new SparseArtifactError(`sparse artifact precision code ${bytes[5]} is unknown`);
  const specLength = view.getUint32(8, true);
  if (specLength > MAX_SPEC_BYTES)
    throw new SparseArtifactError(`sparse artifact spec of ${specLength} bytes exceeds ${MAX_SPEC_BYTES}`);
  offset = 12;
  need(specLength, 'the spec');
  let spec: ModelSpec;
  try {
    spec = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(12, 12 + specLength)));
    assertModelSpec(spec);
  } catch (error) {
    throw new SparseArtifactError(`sparse artifact spec is invalid: ${(error as Error).message}`);
  }
  offset += specLength;
  const shapes = weightShapes(spec);
  // Every tensor takes at least its layout byte and ceil(n / 8) bytes (an empty bitmap): a spec
  // declaring more than the file can hold is refused before anything of its size is allocated.
  const total = shapes.reduce((sum, shape) => sum + size(shape), 0);
  const least = shapes.reduce((sum, shape) => sum + 1 + Math.ceil(size(shape) / 8), 0);
  if (!Number.isSafeInteger(least) || least > bytes.length - offset) {
    throw new SparseArtifactError(
      `sparse artifact truncated: its spec declares ${total} weights, at least ${least} bytes, but ${bytes.length - offset} remain`,
    );
  }
  const weights = new Float32Array(total);
  let base = 0;
  for (const [index, shape] of shapes.entries()) {
    const n = size(shape);
    need(1, `tensor ${index}'s layout`);
    const layout = bytes[offset++];
    let keptIndices: number[];
    if (layout === SPARSE_LAYOUT.bitmap) {
      const bitmapBytes = Math.ceil(n / 8);
      need(bitmapBytes, `tensor ${index}'s bitmap`);
      keptIndices = [];
      for (let i = 0; i < n; i++) if (bytes[offset + (i >> 3)] & (1 << (i & 7))) keptIndices.push(i);
      if (n % 8 !== 0 && bytes[offset + bitmapBytes - 1] >> (n % 8) !== 0)
        throw new SparseArtifactError(`tensor ${index}'s bitmap has padding bits set`);
      offset += bitmapBytes;
    } else if (layout === SPARSE_LAYOUT.dense) {
      keptIndices = Array.from({ length: n }, (_, i) => i);
    } else {
      throw new SparseArtifactError(`tensor ${index} has unknown layout ${layout}`);
    }
    if (precision === 'int8' && shape.length >= 2) {
      const axis = sparseQuantizationAxis(shape);
      const channels = shape[axis];
      const inner = size(shape.slice(axis + 1));
      need(4 * channels + keptIndices.length, `tensor ${index}'s int8 scales and values`);
      const scales = Array.from({ length: channels }, (_, c) => view.getFloat32(offset + 4 * c, true));
      offset += 4 * channels;
      keptIndices.forEach((i, j) => {
        const q = view.getInt8(offset + j);
        weights[base + i] = q === 0 ? 0 : q * scales[Math.floor(i / inner) % channels];
      });
      offset += keptIndices.length;
    } else {
      need(4 * keptIndices.length, `tensor ${index}'s values`);
      keptIndices.forEach((i, j) => (weights[base + i] = view.getFloat32(offset + 4 * j, true)));
      offset += 4 * keptIndices.length;
    }
    base += n;
  }
  if (offset !== bytes.length)
    throw new SparseArtifactError(`sparse artifact has ${bytes.length - offset} bytes after its last tensor`);
  for (const value of weights)
    if (!Number.isFinite(value)) throw new SparseArtifactError('sparse artifact holds a non-finite weight');
  return { spec, precision, weights };
}

function size(shape: readonly number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}
