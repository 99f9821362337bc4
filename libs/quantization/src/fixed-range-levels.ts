import { gridStep } from './grid-step';
import { assertQuantizerBits } from './quantizer-config';

/**
 * The level grid that every client of a round shares in `fixed` clip mode: level `l` stands for
 * `offset + step * l`, `l` in `[0, maxLevel]`.
 */
export interface FixedRangeLevels {
  bits: number;
  /** Values are clipped to `[-range, range]`; `range` is the float32 rounding of the requested one. */
  range: number;
  /** Value of level 0: `-range`. */
  offset: number;
  /** Value per level: the float32 at or just above `2 * range / maxLevel`. */
  step: number;
  /** `2^bits - 1`. */
  maxLevel: number;
}

/**
 * Computes the shared grid of the fixed-range mode from the round's public parameters alone, so the
 * server decodes level sums with exactly the offset and step every client used.
 *
 * @example
 * fixedRangeLevels(8, 8); // { bits: 8, range: 8, offset: -8, step: 0.0627451..., maxLevel: 255 }
 */
export function fixedRangeLevels(bits: number, range: number): FixedRangeLevels {
  assertQuantizerBits(bits, 'bits');
  const range32 = Math.fround(range);
  if (!(typeof range === 'number' && range32 > 0 && Number.isFinite(range32))) {
    throw new RangeError(`range must be a positive finite float32 number, got ${range}`);
  }
  const maxLevel = 2 ** bits - 1;
  const step = gridStep(2 * range32, maxLevel);
  if (!Number.isFinite(step)) throw new RangeError(`range ${range} is too large for a float32 step at ${bits} bits`);
  return { bits, range: range32, offset: -range32, step, maxLevel };
}
