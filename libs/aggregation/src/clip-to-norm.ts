import { assertFiniteVector } from './assert-finite-vector';

/**
 * Bounds the L2 norm of a client delta: a delta with ||delta||_2 <= maxNorm comes back as it is
 * (the same array), a longer one scaled by maxNorm / ||delta||_2 so its norm is maxNorm (a new
 * array). Norm bounding is the standard first defence against model replacement and boosted
 * updates (Sun et al. 2019, "Can You Really Backdoor Federated Learning?"). The norm is computed
 * in float64, so values up to float32's maximum (3.4e38) do not overflow.
 *
 * @example
 * clipToNorm(new Float32Array([3, 4]), 1); // { delta: Float32Array [0.6, 0.8], norm: 5, clipped: true }
 */
export function clipToNorm(
  delta: Float32Array,
  maxNorm: number,
): { delta: Float32Array; norm: number; clipped: boolean } {
  if (!(delta instanceof Float32Array)) throw new Error('delta must be a Float32Array');
  if (typeof maxNorm !== 'number' || !(maxNorm > 0) || !Number.isFinite(maxNorm))
    throw new Error(`maxNorm must be a finite number > 0, got ${maxNorm}`);
  assertFiniteVector(delta, 'delta');
  // Scaled by the largest magnitude first: squares of values near 3.4e38 stay finite either way, but this keeps precision for tiny ones.
  let largest = 0;
  for (let i = 0; i < delta.length; i++) largest = Math.max(largest, Math.abs(delta[i]));
  if (largest === 0) return { delta, norm: 0, clipped: false };
  let sum = 0;
  for (let i = 0; i < delta.length; i++) {
    const x = delta[i] / largest;
    sum += x * x;
  }
  const norm = largest * Math.sqrt(sum);
  if (norm <= maxNorm) return { delta, norm, clipped: false };
  const scale = maxNorm / norm;
  const clipped = new Float32Array(delta.length);
  for (let i = 0; i < delta.length; i++) clipped[i] = delta[i] * scale;
  return { delta: clipped, norm, clipped: true };
}
