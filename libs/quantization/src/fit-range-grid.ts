import type { ClipMode } from './clip-mode';
import { fixedRangeLevels } from './fixed-range-levels';
import { gridStep } from './grid-step';
import { assertQuantizerBits } from './quantizer-config';
import type { RangeGrid } from './range-grid';
import { rangeSegments } from './range-segments';

/**
 * Chooses the level grid for `values` under a clip mode: per segment, offset = min and step = the
 * float32 at or just above (max - min) / (2^bits - 1), so the grid covers `[min, max]`; in `fixed`
 * mode, the shared round-wide grid of `fixedRangeLevels`. Steps are computed against their float32
 * form so that quantizing onto the stored grid stays unbiased. Throws a RangeError naming `values`
 * if they are not finite, or their span does not fit a float32 step.
 *
 * @example
 * const grid = fitRangeGrid(delta, 8, { kind: 'per-chunk', chunkSize: 1024 });
 */
export function fitRangeGrid(
  values: Float32Array,
  bits: number,
  clip: ClipMode,
  segmentLengths?: ArrayLike<number>,
): RangeGrid {
  if (!(values instanceof Float32Array)) throw new TypeError('values must be a Float32Array');
  assertQuantizerBits(bits, 'bits');
  const segments = rangeSegments(values.length, clip, segmentLengths);
  const segmentCount = segments.length;
  const offsets = new Float32Array(segmentCount);
  const steps = new Float32Array(segmentCount);
  if (clip.kind === 'fixed') {
    const grid = fixedRangeLevels(bits, clip.range);
    offsets.fill(grid.offset);
    steps.fill(grid.step);
    return { bits, offsets, steps, segmentLengths: segments };
  }
  const maxLevel = 2 ** bits - 1;
  let start = 0;
  for (let s = 0; s < segmentCount; s++) {
    const end = start + segments[s];
    let min = Infinity;
    let max = -Infinity;
    let sum = 0; // NaN or Infinity anywhere makes the sum non-finite
    for (let i = start; i < end; i++) {
      const x = values[i];
      if (x < min) min = x;
      if (x > max) max = x;
      sum += x;
    }
    if (!Number.isFinite(sum)) throw new RangeError(`values must be finite (NaN or Infinity in [${start}, ${end}))`);
    const step = gridStep(max - min, maxLevel);
    if (!Number.isFinite(step))
      throw new RangeError(`values span [${min}, ${max}] is too wide for a float32 step at ${bits} bits`);
    offsets[s] = min;
    steps[s] = step;
    start = end;
  }
  return { bits, offsets, steps, segmentLengths: segments };
}
