import { assertQuantizedUpdate } from './assert-quantized-update';
import { QuantizationFormatError } from './quantization-format-error';
import type { QuantizedUpdate } from './quantized-update';

/**
 * Reconstructs the values of a quantized update: `offsets[s] + steps[s] * levels[i]` for value `i`
 * of range segment `s`. Throws a QuantizationFormatError if the parts of `q` do not fit together or
 * a level exceeds `2^bits - 1`.
 *
 * @example
 * const approx = dequantize(stochasticQuantize(delta, config, seed)); // E[approx] = delta
 */
export function dequantize(q: QuantizedUpdate): Float32Array {
  assertQuantizedUpdate(q, 'q');
  const out = new Float32Array(q.length);
  const { levels, offsets, steps, segmentLengths } = q;
  const maxLevel = 2 ** q.bits - 1;
  let start = 0;
  for (let s = 0; s < segmentLengths.length; s++) {
    const end = start + segmentLengths[s];
    const offset = offsets[s];
    const step = steps[s];
    let highest = 0;
    for (let i = start; i < end; i++) {
      const level = levels[i];
      if (level > highest) highest = level;
      out[i] = offset + step * level;
    }
    if (highest > maxLevel) {
      throw new QuantizationFormatError(
        'inconsistent',
        `q.levels has level ${highest} above 2^${q.bits} - 1 in segment ${s}`,
      );
    }
    start = end;
  }
  return out;
}
