import type { ModelSpec } from './model-spec';

/**
 * P, the length of the flat parameter vector of a `separable-cnn` model (docs/PROTOCOL.md
 * section 5), from its spec alone: per block 9 cIn + cIn f + f, then h w cIn classes + classes.
 * The wire's arithmetic, so parsers can check lengths without the models library.
 *
 * @example
 * modelParameterCount(DEFAULT_MODEL_SPEC); // 16419
 */
export function modelParameterCount(spec: ModelSpec): number {
  let [height, width, channels] = spec.inputShape;
  let count = 0;
  for (const filters of spec.widths) {
    count += 9 * channels + channels * filters + filters;
    channels = filters;
    height = Math.floor(height / 2);
    width = Math.floor(width / 2);
  }
  return count + height * width * channels * spec.classes + spec.classes;
}
