import type { ModelSpec } from '@edgefl/protocol';

/**
 * Checks that `spec` describes a buildable separable CNN: a known kind, positive integer
 * dimensions, at least one block and a spatial size that survives every 2x2 pooling.
 * Throws an Error naming the bad field.
 *
 * @example
 * assertModelSpec(DEFAULT_MODEL_SPEC); // passes
 * assertModelSpec({ ...DEFAULT_MODEL_SPEC, widths: [] }); // throws "spec.widths ..."
 */
export function assertModelSpec(spec: ModelSpec, name = 'spec'): void {
  if (spec === null || typeof spec !== 'object') throw new TypeError(`${name} must be a ModelSpec object`);
  if (spec.kind !== 'separable-cnn') throw new Error(`${name}.kind must be 'separable-cnn', got ${String(spec.kind)}`);
  const shape = spec.inputShape;
  if (!Array.isArray(shape) || shape.length !== 3 || !shape.every(isPositiveInteger)) {
    throw new Error(
      `${name}.inputShape must be [height, width, channels] of positive integers, got ${JSON.stringify(shape)}`,
    );
  }
  if (!Array.isArray(spec.widths) || spec.widths.length === 0 || !spec.widths.every(isPositiveInteger)) {
    throw new Error(`${name}.widths must be a non-empty list of positive integers, got ${JSON.stringify(spec.widths)}`);
  }
  if (!isPositiveInteger(spec.classes) || spec.classes < 2) {
    throw new Error(`${name}.classes must be an integer >= 2, got ${spec.classes}`);
  }
  const shrink = 2 ** spec.widths.length;
  if (shape[0] < shrink || shape[1] < shrink) {
    throw new Error(
      `${name}.inputShape ${shape[0]}x${shape[1]} is too small for ${spec.widths.length} 2x2 poolings (needs >= ${shrink})`,
    );
  }
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}
