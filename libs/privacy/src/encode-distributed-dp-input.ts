import { clipToL2Norm } from './clip-to-l2-norm';
import { conditionalRandomizedRounding } from './conditional-randomized-rounding';
import type { DistributedDpPlan } from './distributed-dp-plan';
import { randomizedHadamard } from './randomized-hadamard';
import type { RandomSource } from './random-source';
import { sampleDiscreteGaussian } from './sample-discrete-gaussian';

/**
 * A client's SecAgg input in a secure DP round (Kairouz, Liu, Steinke 2021, Algorithm 1, client
 * side): clip `delta` to L2 norm C, zero-pad to d, rotate with the round's seed, divide by gamma,
 * round conditionally to L2 norm Delta_2, add discrete Gaussian noise of variance sigma_c^2 to
 * every coordinate, and reduce mod 2^m (two's complement). Noise and rounding draw from `source`
 * (tweetnacl's randomness in production: the coordinator must never learn them).
 *
 * @example
 * const x = encodeDistributedDpInput(delta, task.secure.dp, rotationSeed, cryptoRandomSource());
 */
export function encodeDistributedDpInput(
  delta: Float32Array,
  plan: DistributedDpPlan,
  rotationSeed: Uint8Array,
  source: RandomSource,
): Uint32Array {
  const noise = discreteGaussianVector(plan.paddedLength, plan.noiseVariance, source);
  const rounded = roundedClientVector(delta, plan, rotationSeed, source);
  const mask = plan.modulusBits === 32 ? 0xffffffff : 2 ** plan.modulusBits - 1;
  const x = new Uint32Array(plan.paddedLength);
  for (let i = 0; i < x.length; i++) x[i] = (rounded[i] + noise[i]) & mask;
  return x;
}

/**
 * Steps 1-5 without the noise: the integer vector whose L2 norm is the round's sensitivity bound
 * (exported so tests can check that clipping holds through the pipeline).
 */
export function roundedClientVector(
  delta: Float32Array,
  plan: DistributedDpPlan,
  rotationSeed: Uint8Array,
  source: RandomSource,
): Int32Array {
  if (!(delta instanceof Float32Array)) throw new TypeError('delta must be a Float32Array');
  if (delta.length > plan.paddedLength)
    throw new RangeError(`delta has ${delta.length} values, more than plan.paddedLength ${plan.paddedLength}`);
  const padded = new Float64Array(plan.paddedLength);
  padded.set(clipToL2Norm(delta, plan.clip).clipped);
  const rotated = randomizedHadamard(padded, rotationSeed);
  for (let i = 0; i < rotated.length; i++) rotated[i] /= plan.gridStep;
  return conditionalRandomizedRounding(rotated, plan.roundingBound, source);
}

function discreteGaussianVector(length: number, variance: number, source: RandomSource): Int32Array {
  const out = new Int32Array(length);
  const sigma2 = { num: BigInt(variance), den: 1n };
  for (let i = 0; i < length; i++) out[i] = sampleDiscreteGaussian(source, sigma2);
  return out;
}
