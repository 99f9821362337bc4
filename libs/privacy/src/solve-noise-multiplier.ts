import { epsilonFor } from './privacy-accountant';
import type { RdpConversion } from './rdp-to-epsilon';

/**
 * The smallest noise multiplier z (to 1e-4 relative) for which `rounds` Poisson-subsampled
 * Gaussian rounds at rate `q` stay within (epsilon, delta): bisection, since epsilon falls
 * monotonically as z grows.
 *
 * @example
 * solveNoiseMultiplier({ q: 0.1, rounds: 100, epsilon: 8, delta: 1e-5 }); // ~0.7
 */
export function solveNoiseMultiplier(args: {
  q: number;
  rounds: number;
  epsilon: number;
  delta: number;
  conversion?: RdpConversion;
}): number {
  const { q, rounds, epsilon, delta } = args;
  if (!(epsilon > 0) || !Number.isFinite(epsilon))
    throw new RangeError(`epsilon must be a finite number > 0, got ${epsilon}`);
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError(`rounds must be an integer >= 1, got ${rounds}`);
  const eps = (z: number): number => epsilonFor({ q, noiseMultiplier: z, rounds, delta, conversion: args.conversion });
  let low = 1e-2;
  let high = 1;
  while (eps(high) > epsilon) {
    low = high;
    high *= 2;
    if (high > 1e6)
      throw new RangeError(
        `no noise multiplier up to 1e6 reaches epsilon ${epsilon} at delta ${delta} over ${rounds} rounds`,
      );
  }
  if (eps(low) <= epsilon) return low;
  while ((high - low) / high > 1e-4) {
    const mid = (low + high) / 2;
    if (eps(mid) > epsilon) low = mid;
    else high = mid;
  }
  return high;
}
