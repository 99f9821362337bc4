import type { ModelSpec } from '@edgefl/protocol';
import { weightShapes } from './weight-shapes';

/**
 * The kernels magnitude pruning acts on, where they lie in the flat weight vector of
 * `buildModel(spec)`: the pointwise kernels of every block but the first, and the dense kernel.
 * Left dense, as in Zhu and Gupta 2017 (MobileNet: "we do not prune the first full convolution
 * layer and the depthwise layers"): every depthwise kernel ([3, 3, c, 1], 9 weights per channel,
 * 153 in all in the reference model) and the first block's pointwise kernel ([1, 1, 1, w] on a
 * one-channel image: one weight per output channel, so pruning it silences whole channels). In
 * the reference model the pruned kernels hold 16,192 of the 16,361 kernel weights (99.0%).
 *
 * @example
 * prunableKernelSegments(DEFAULT_MODEL_SPEC); // [{ offset: 185, length: 512 }, { offset: 729, length: 15680 }]
 */
export function prunableKernelSegments(spec: ModelSpec): Array<{ offset: number; length: number }> {
  const shapes = weightShapes(spec);
  const segments: Array<{ offset: number; length: number }> = [];
  let offset = 0;
  // Per block: depthwise kernel, pointwise kernel, bias; then the dense kernel and bias.
  const denseKernel = shapes.length - 2;
  for (const [index, shape] of shapes.entries()) {
    const length = shape.reduce((product, dim) => product * dim, 1);
    const block = Math.floor(index / 3);
    const pointwise = index < denseKernel && index % 3 === 1 && block > 0;
    if (pointwise || index === denseKernel) segments.push({ offset, length });
    offset += length;
  }
  return segments;
}
