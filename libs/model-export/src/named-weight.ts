import type { ModelSpec } from '@edgefl/protocol';
import { weightShapes } from '@edgefl/models';

/** One weight tensor of the separable CNN, row-major in the tfjs (NHWC / HWIO) layout. */
export interface NamedWeight {
  /** The tfjs weight name, e.g. `block0_sepconv/depthwise_kernel`. */
  name: string;
  shape: number[];
  values: Float32Array;
}

/**
 * Splits a flat weight vector (as `getFlatWeights` returns it) into the named tensors of the
 * model `buildModel(spec)` builds, in `model.getWeights()` order: per block
 * `block{i}_sepconv/{depthwise_kernel, pointwise_kernel, bias}`, then `classifier/{kernel, bias}`.
 * The values are views into `flat` (no copy).
 *
 * @example
 * namedWeights(DEFAULT_MODEL_SPEC, flat)[0].name; // 'block0_sepconv/depthwise_kernel'
 */
export function namedWeights(spec: ModelSpec, flat: Float32Array): NamedWeight[] {
  if (!(flat instanceof Float32Array)) throw new TypeError('flat must be a Float32Array');
  const shapes = weightShapes(spec);
  const names: string[] = [];
  spec.widths.forEach((_, block) => {
    names.push(
      `block${block}_sepconv/depthwise_kernel`,
      `block${block}_sepconv/pointwise_kernel`,
      `block${block}_sepconv/bias`,
    );
  });
  names.push('classifier/kernel', 'classifier/bias');
  const total = shapes.reduce((sum, shape) => sum + size(shape), 0);
  if (flat.length !== total) throw new Error(`flat has ${flat.length} values but the spec has ${total} parameters`);
  let offset = 0;
  return shapes.map((shape, i) => {
    const values = flat.subarray(offset, offset + size(shape));
    offset += values.length;
    return { name: names[i], shape, values };
  });
}

function size(shape: number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}
