/**
 * Scales `vector` so its L2 norm is at most `clip` (McMahan et al. 2018, Algorithm 1, ClipFn):
 * unchanged when already within the bound, else multiplied by clip / norm. Returns a new array
 * and the norm before clipping. The norm is accumulated in float64; the factor is shaded by
 * 1e-6 so float32 rounding of the output cannot push it back over the bound.
 *
 * @example
 * clipToL2Norm(new Float32Array([3, 4]), 1); // { clipped: [0.6, 0.8] (times 1 - 1e-6), norm: 5 }
 */
export function clipToL2Norm(vector: Float32Array, clip: number): { clipped: Float32Array; norm: number } {
  if (!(vector instanceof Float32Array)) throw new TypeError('vector must be a Float32Array');
  if (!(clip > 0) || !Number.isFinite(clip)) throw new RangeError(`clip must be a finite number > 0, got ${clip}`);
  let squares = 0;
  for (let i = 0; i < vector.length; i++) squares += vector[i] * vector[i];
  const norm = Math.sqrt(squares);
  if (!Number.isFinite(norm)) throw new RangeError('vector must be finite');
  const clipped = new Float32Array(vector);
  if (norm > clip) {
    const factor = (clip / norm) * (1 - 1e-6);
    for (let i = 0; i < clipped.length; i++) clipped[i] *= factor;
  }
  return { clipped, norm };
}
