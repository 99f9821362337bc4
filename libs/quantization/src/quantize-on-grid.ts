import { SeededRandom } from '@edgefl/random';
import { assertQuantizedUpdate } from './assert-quantized-update';
import type { QuantizedUpdate } from './quantized-update';
import type { RangeGrid } from './range-grid';

/**
 * Stochastically rounds each value onto its segment's grid: a value at `t = (x - offset) / step`
 * levels becomes `ceil(t)` with probability `t - floor(t)`, else `floor(t)`, so
 * `E[offset + step * level] = x` for every `x` inside the grid; values outside
 * `[offset, offset + step * (2^bits - 1)]` are first clipped to it. Randomness comes from
 * `SeededRandom(seed)`. Throws a RangeError naming `values` if they are not finite.
 *
 * @example
 * // error feedback: the grid comes from this round's delta, the residual rides inside it
 * const q = quantizeOnGrid(target, fitRangeGrid(delta, 2, clip), seed);
 */
export function quantizeOnGrid(values: Float32Array, grid: RangeGrid, seed: number): QuantizedUpdate {
  if (!(values instanceof Float32Array)) throw new TypeError('values must be a Float32Array');
  if (typeof seed !== 'number' || !Number.isFinite(seed))
    throw new TypeError(`seed must be a finite number, got ${seed}`);
  const levels = new Uint16Array(values.length);
  const q: QuantizedUpdate = {
    bits: grid?.bits,
    length: values.length,
    levels,
    offsets: grid?.offsets,
    steps: grid?.steps,
    segmentLengths: grid?.segmentLengths,
  };
  assertQuantizedUpdate(q, 'grid');
  const maxLevel = 2 ** grid.bits - 1;
  const rng = new SeededRandom(seed);
  let start = 0;
  for (let s = 0; s < grid.segmentLengths.length; s++) {
    const end = start + grid.segmentLengths[s];
    const sum = quantizeSegment(values, levels, start, end, grid.offsets[s], grid.steps[s], maxLevel, rng);
    if (!Number.isFinite(sum)) throw new RangeError(`values must be finite (NaN or Infinity in [${start}, ${end}))`);
    start = end;
  }
  return q;
}

/** Returns the sum of the segment's values, non-finite iff a value is NaN or infinite. */
function quantizeSegment(
  values: Float32Array,
  levels: Uint16Array,
  start: number,
  end: number,
  offset: number,
  step: number,
  maxLevel: number,
  rng: SeededRandom,
): number {
  let sum = 0;
  if (step === 0) {
    for (let i = start; i < end; i++) sum += values[i];
    return sum; // levels stay 0
  }
  const inverseStep = 1 / step;
  const top = offset + step * maxLevel;
  for (let i = start; i < end; i++) {
    let x = values[i];
    sum += x;
    if (x < offset) x = offset;
    else if (x > top) x = top;
    // floor(t + u) rounds t up with probability frac(t); 0 <= t <= 2^16 - 1, so `| 0` floors.
    const level = ((x - offset) * inverseStep + rng.nextFloat()) | 0;
    levels[i] = level > maxLevel ? maxLevel : level;
  }
  return sum;
}
