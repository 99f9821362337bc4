import type { ModelSpec } from '@edgefl/protocol';
import { assertModelSpec } from './assert-model-spec';

/** Side of the square depthwise kernel of every separable block. */
export const KERNEL_SIZE = 3;

/**
 * The shape of every weight of the model `buildModel(spec)` builds, in `model.getWeights()`
 * order, computed without building it: per block the depthwise kernel [3, 3, cIn, 1], the
 * pointwise kernel [1, 1, cIn, width] and the bias [width]; then the dense kernel
 * [flat, classes] and bias [classes].
 *
 * @example
 * weightShapes(DEFAULT_MODEL_SPEC)[0]; // [3, 3, 1, 1]
 */
export function weightShapes(spec: ModelSpec): number[][] {
  assertModelSpec(spec);
  let [height, width, channels] = spec.inputShape;
  const shapes: number[][] = [];
  for (const filters of spec.widths) {
    shapes.push([KERNEL_SIZE, KERNEL_SIZE, channels, 1], [1, 1, channels, filters], [filters]);
    channels = filters;
    // 'same' convolution keeps the size; a 2x2 stride-2 'valid' pool floors it.
    height = Math.floor(height / 2);
    width = Math.floor(width / 2);
  }
  shapes.push([height * width * channels, spec.classes], [spec.classes]);
  return shapes;
}
