/**
 * A quantized vector: value `i` of range segment `s` decodes as `offsets[s] + steps[s] * levels[i]`.
 *
 * Segments are consecutive runs of values (tensors or chunks) that share one range; their lengths
 * sum to `length`. A constant segment has step 0 and all its levels 0.
 *
 * @example
 * const q: QuantizedUpdate = {
 *   bits: 2, length: 3, levels: Uint16Array.of(0, 3, 1),
 *   offsets: Float32Array.of(-1), steps: Float32Array.of(2 / 3), segmentLengths: Uint32Array.of(3),
 * };
 */
export interface QuantizedUpdate {
  bits: number;
  length: number;
  /** One level per value, each in [0, 2^bits - 1]. */
  levels: Uint16Array;
  /** Per range segment: the value of level 0. */
  offsets: Float32Array;
  /** Per range segment: the value of one level, (max - min) / (2^bits - 1); 0 if constant. */
  steps: Float32Array;
  /** Lengths of the range segments (chunks or tensors), each positive, summing to `length`. */
  segmentLengths: Uint32Array;
}
