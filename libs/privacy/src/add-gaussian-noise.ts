import type { RandomSource } from './random-source';

/**
 * Adds independent N(0, std^2) noise to every coordinate of `sum`, in place (the Gaussian
 * mechanism of central DP-FedAvg, McMahan et al. 2018). Normals come from the Box-Muller transform
 * of 53-bit uniforms drawn from `source` (tweetnacl randomness in production). Floating-point
 * sampling is not exact (Mironov 2012 describes the attack on the Laplace case); the secure path
 * uses the exact discrete Gaussian instead.
 *
 * @example
 * addGaussianNoise(weightedSum, 1.1 * clip, cryptoRandomSource());
 */
export function addGaussianNoise(sum: Float64Array, std: number, source: RandomSource): void {
  if (!(sum instanceof Float64Array)) throw new TypeError('sum must be a Float64Array');
  if (!(std >= 0) || !Number.isFinite(std)) throw new RangeError(`std must be a finite number >= 0, got ${std}`);
  if (std === 0) return;
  for (let i = 0; i < sum.length; i += 2) {
    let u = 0;
    while (u === 0) u = source.nextFloat();
    const v = source.nextFloat();
    const radius = std * Math.sqrt(-2 * Math.log(u));
    sum[i] += radius * Math.cos(2 * Math.PI * v);
    if (i + 1 < sum.length) sum[i + 1] += radius * Math.sin(2 * Math.PI * v);
  }
}
