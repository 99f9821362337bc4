/**
 * How the quantizer chooses the value range that its 2^bits levels cover.
 *
 * - `per-tensor`: one range `[min, max]` per segment given by `segmentLengths` (one per model
 *   tensor), or over the whole vector when no segments are given.
 * - `per-chunk`: one range per run of `chunkSize` values (chunks never straddle a segment).
 *   Small chunks keep the step small when magnitudes differ across the vector, at 12 bytes of
 *   metadata per chunk.
 * - `fixed`: one round-wide symmetric range `[-range, range]` shared by every client; values outside
 *   it are clipped. Only in this mode do integer level sums of different clients mean something,
 *   which secure aggregation needs (see `decodeLevelSum`).
 *
 * @example
 * const clip: ClipMode = { kind: 'per-chunk', chunkSize: 1024 };
 */
export type ClipMode =
  { kind: 'per-tensor' } | { kind: 'per-chunk'; chunkSize: number } | { kind: 'fixed'; range: number };
