import type { ModelSpec } from '@edgefl/protocol';
import { weightShapes } from './weight-shapes';

/**
 * The number of trainable parameters of `buildModel(spec)`, without building it.
 *
 * @example
 * countParameters(DEFAULT_MODEL_SPEC); // 16419
 */
export function countParameters(spec: ModelSpec): number {
  return weightShapes(spec).reduce((total, shape) => total + shape.reduce((size, dim) => size * dim, 1), 0);
}
