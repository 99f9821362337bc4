import type { DistributedDpPlan } from './distributed-dp-plan';
import { randomizedHadamard } from './randomized-hadamard';

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
