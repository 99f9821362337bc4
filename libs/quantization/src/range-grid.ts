/**
 * The level grids of a vector's range segments: value `i` of segment `s` is quantized onto
 * `offsets[s] + steps[s] * l`, `l` in `[0, 2^bits - 1]`. A `QuantizedUpdate` carries the grid it was
 * quantized on.
 *
 * @example
 * const grid: RangeGrid = { bits: 2, offsets: Float32Array.of(-1), steps: Float32Array.of(2 / 3), segmentLengths: Uint32Array.of(3) };
 */
export interface RangeGrid {
  bits: number;
  offsets: Float32Array;
  steps: Float32Array;
  segmentLengths: Uint32Array;
}
