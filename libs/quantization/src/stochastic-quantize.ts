import { fitRangeGrid } from './fit-range-grid';
import type { QuantizedUpdate } from './quantized-update';
import { assertQuantizerConfig, type QuantizerConfig } from './quantizer-config';
import { quantizeOnGrid } from './quantize-on-grid';

/**
 * Stochastic uniform quantization (QSGD-style) of `values` to `config.bits` bits per value.
 *
 * Each range segment (see `ClipMode`) spans `[offset, offset + step * (2^bits - 1)]`; a value at
 * `t = (x - offset) / step` levels is rounded up to `ceil(t)` with probability `t - floor(t)` and
 * down otherwise, so `E[offset + step * level] = x`: unbiased, with `|q(x) - x| < step`. Only the
 * `fixed` mode clips (to `[-range, range]`), which biases values outside the range. Randomness comes
 * from `SeededRandom(seed)`: the same inputs and seed give the same levels, so derive the seed per
 * client and round (`deriveSeed(runSeed, 'client', id, 'round', r)`). `config.errorFeedback` is
 * ignored here (it needs state across rounds: see `UpdateQuantizer`).
 *
 * @param values - the update, e.g. a flattened model delta; must be finite
 * @param segmentLengths - tensor lengths summing to `values.length`: `per-tensor` ranges follow
 *   them and `per-chunk` chunks never straddle them
 * @example
 * const q = stochasticQuantize(delta, { bits: 8, clip: { kind: 'per-chunk', chunkSize: 1024 } },
 *   deriveSeed(runSeed, 'client', 3, 'round', 12));
 * const bytes = encodeQuantizedUpdate(q); // about 1 byte per value
 */
export function stochasticQuantize(
  values: Float32Array,
  config: QuantizerConfig,
  seed: number,
  segmentLengths?: ArrayLike<number>,
): QuantizedUpdate {
  if (!(values instanceof Float32Array)) throw new TypeError('values must be a Float32Array');
  assertQuantizerConfig(config, 'config');
  if (typeof seed !== 'number' || !Number.isFinite(seed))
    throw new TypeError(`seed must be a finite number, got ${seed}`);
  return quantizeOnGrid(values, fitRangeGrid(values, config.bits, config.clip, segmentLengths), seed);
}
