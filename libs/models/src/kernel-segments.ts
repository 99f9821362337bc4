import type { ModelSpec } from '@edgefl/protocol';
import { weightShapes } from './weight-shapes';

/**
 * Where each kernel (every weight of rank >= 2: depthwise, pointwise and dense kernels, not the
 * biases) lies in the flat weight vector of `buildModel(spec)`: the tensors pruning acts on.
 *
 * @example
 * kernelSegments(DEFAULT_MODEL_SPEC)[0]; // { offset: 0, length: 9 }
 */
export function kernelSegments(spec: ModelSpec): Array<{ offset: number; length: number }> {
  const segments: Array<{ offset: number; length: number }> = [];
  let offset = 0;
  for (const shape of weightShapes(spec)) {
    const length = shape.reduce((product, dim) => product * dim, 1);
    if (shape.length >= 2) segments.push({ offset, length });
    offset += length;
  }
  return segments;
}
