/**
 * The EdgeFL sparse weights file (`model-sparse.efls`, `model-sparse-int8.efls`; docs/DEPLOYMENT.md
 * "The sparse weights files"): a pruned model's weights stored as, per tensor, a
 * bitmap of the kept coordinates and the kept values only. Layout, all little-endian:
 *
 * - header: magic `EFLS` (4 bytes), format version (u8, 1), precision (u8: 0 float32, 1 int8),
 *   2 zero bytes, the length L of the spec (u32), then L bytes of the model spec as UTF-8 JSON
 *   (`ModelSpec`: the shapes and order of the tensors follow from it, as in `weightShapes`);
 * - then every tensor of the model in `model.getWeights()` order:
 *   - layout (u8): 0 dense (all n values follow), 1 bitmap (`ceil(n / 8)` bytes, coordinate i is
 *     bit `i mod 8`, least significant first, of byte `floor(i / 8)`, 1 = kept, padding bits 0;
 *     the K values that follow are those of the 1 bits, ascending; the others are exactly 0);
 *   - float32 precision, or a bias (rank 1) at any precision: the values as float32;
 *   - int8 precision, a kernel (rank >= 2): one float32 scale per channel of its quantized axis
 *     (by shape alone: axis 2 of any [kh, kw, c, 1] kernel, so of every depthwise kernel and of a
 *     1-filter block's pointwise kernel [1, 1, c, 1]; the last axis otherwise), then the
 *     values as int8 q (value = q x scale, symmetric per-channel, zeros stay exactly 0).
 *
 * The exporter picks the bitmap for a tensor exactly when it is smaller than the dense layout,
 * so a dense model's file is its weights plus the header and one byte per tensor.
 */
export const SPARSE_ARTIFACT_MAGIC = 'EFLS';

/** Format version written in byte 4. */
export const SPARSE_ARTIFACT_VERSION = 1;

/** Value encodings of the sparse artifact. */
export type SparsePrecision = 'float32' | 'int8';

/** Precision byte of each {@link SparsePrecision}. */
export const SPARSE_PRECISION_CODES: Readonly<Record<SparsePrecision, number>> = { float32: 0, int8: 1 };

/** Layout byte of a tensor. */
export const SPARSE_LAYOUT = { dense: 0, bitmap: 1 } as const;

/** A sparse artifact that cannot be read: bad magic, version, precision, layout, spec or length. */
export class SparseArtifactError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SparseArtifactError';
  }
}

/**
 * The axis an int8 kernel of `shape` is quantized along: 2 (the channels) for a kernel of shape
 * [kh, kw, c, 1] (a depthwise kernel, or the pointwise kernel of a 1-filter block: the shape alone
 * decides), the last axis (the output channels) for every other kernel.
 *
 * @example
 * sparseQuantizationAxis([3, 3, 16, 1]); // 2
 * sparseQuantizationAxis([1568, 10]); // 1
 */
export function sparseQuantizationAxis(shape: readonly number[]): number {
  return shape.length === 4 && shape[3] === 1 ? 2 : shape.length - 1;
}
