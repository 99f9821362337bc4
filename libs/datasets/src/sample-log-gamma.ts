import type { SeededRandom } from '@edgefl/random';

/**
 * Draws log(X) for X ~ Gamma(shape, 1) with Marsaglia and Tsang's method (2000, "A Simple Method
 * for Generating Gamma Variables"), using the boost X = Gamma(shape + 1) * U^(1/shape) for
 * shape < 1. Returning the logarithm keeps tiny shapes usable: U^(1/shape) underflows to 0 in
 * float64 for shape around 0.01, its logarithm does not.
 *
 * @example
 * const x = Math.exp(sampleLogGamma(new SeededRandom(1), 2.5));
 */
export function sampleLogGamma(rng: SeededRandom, shape: number): number {
  if (!Number.isFinite(shape) || shape <= 0) throw new Error(`shape must be a finite number > 0, got ${shape}`);
  if (shape < 1) {
    const uniform = 1 - rng.nextFloat(); // in (0, 1], so the log is finite
    return sampleLogGamma(rng, shape + 1) + Math.log(uniform) / shape;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.nextNormal();
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = 1 - rng.nextFloat();
    const xx = x * x;
    if (u < 1 - 0.0331 * xx * xx || Math.log(u) < 0.5 * xx + d * (1 - v + Math.log(v))) {
      return Math.log(d) + Math.log(v);
    }
  }
}
