import { clipToL2Norm } from './clip-to-l2-norm';
import { conditionalRandomizedRounding } from './conditional-randomized-rounding';
import type { DistributedDpPlan } from './distributed-dp-plan';
import { randomizedHadamard } from './randomized-hadamard';
import type { RandomSource } from './random-source';
import { sampleDiscreteGaussian } from './sample-discrete-gaussian';

/*
 * The secure-DP input format of docs/PROTOCOL.md, "Distributed DP", both ends of it: the client's
 * {@link encodeDistributedDpInput} (an integer vector mod 2^m, two's complement) and the
 * coordinator's {@link decodeDistributedDpSum} of the unmasked sum. Nothing else in EdgeFL writes or
 * reads it; the SDK and the coordinator only map their setup and state onto the plan.
 */

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

/**
 * The coordinator's side of the distributed discrete Gaussian (Kairouz, Liu, Steinke 2021,
 * Algorithm 1, server side): lift each element of the unmasked sum mod 2^m to the centred range
 * [-2^(m-1), 2^(m-1)), multiply by gamma, undo the rotation, and keep the first `parameters`
 * values: the sum of the survivors' clipped deltas plus their noise, in model units.
 *
 * @example
 * const noisySum = decodeDistributedDpSum(unmasked, plan, rotationSeed, parameters);
 */
export function decodeDistributedDpSum(
  sum: Uint32Array,
  plan: DistributedDpPlan,
  rotationSeed: Uint8Array,
  parameters: number,
): Float64Array {
  if (!(sum instanceof Uint32Array) || sum.length !== plan.paddedLength) {
    throw new RangeError(`sum must be a Uint32Array of plan.paddedLength (${plan.paddedLength}) elements`);
  }
  if (!Number.isInteger(parameters) || parameters < 1 || parameters > plan.paddedLength) {
    throw new RangeError(`parameters must be an integer in 1..${plan.paddedLength}, got ${parameters}`);
  }
  const modulus = 2 ** plan.modulusBits;
  const half = modulus / 2;
  const lifted = new Float64Array(sum.length);
  for (let i = 0; i < sum.length; i++) {
    const value = sum[i] % modulus;
    lifted[i] = (value >= half ? value - modulus : value) * plan.gridStep;
  }
  return randomizedHadamard(lifted, rotationSeed, true).slice(0, parameters);
}
