import type { DpOptions } from '@edgefl/privacy';
import type { FlagReader } from './flag-reader';

/** The DP lines of both CLIs' help. */
export const DP_FLAGS_HELP = `  --dp-clip C            client-level DP (docs/PRIVACY.md): clip each update to L2 norm C; turns DP on
  --dp-noise Z           DP: noise multiplier z, the sum gets N(0, (zC)^2) per coordinate
  --dp-epsilon E         DP: privacy budget; without --dp-noise, z is solved for it over --rounds; the
                         run stops before a round would exceed it
  --dp-delta D           DP: delta of (epsilon, delta) (default 1e-5)
  --dp-population N      DP: clients eligible per round, q = per-round / N, to solve z from --dp-epsilon
  --dp-clip-quantile Q   DP, plain rounds: adaptive clipping, --dp-clip moves toward this quantile of
                         the update norms each round (Andrew et al. 2021)`;

/**
 * Reads `--dp-clip`, `--dp-noise`, `--dp-epsilon`, `--dp-delta` and `--dp-population`; DP is on
 * when `--dp-clip` is given, and the others then need it. The coordinator checks the combination
 * (e.g. a budget without a noise multiplier needs the population).
 *
 * @example
 * readDpFlags(flags); // { clip: 1, epsilon: 8, delta: 1e-5, population: 1000 } or undefined
 */
export function readDpFlags(flags: FlagReader, defaults: { population?: number } = {}): DpOptions | undefined {
  const clip = flags.number('dp-clip', { positive: true });
  const noiseMultiplier = flags.number('dp-noise', { positive: true });
  const epsilon = flags.number('dp-epsilon', { positive: true });
  const delta = flags.number('dp-delta', { positive: true });
  const population = flags.integer('dp-population', { min: 1 }) ?? defaults.population;
  const clipQuantile = flags.number('dp-clip-quantile', { positive: true });
  if (clip === undefined) {
    if (noiseMultiplier !== undefined || epsilon !== undefined || delta !== undefined || clipQuantile !== undefined) {
      throw new RangeError('--dp-noise, --dp-epsilon, --dp-delta and --dp-clip-quantile need --dp-clip');
    }
    return undefined;
  }
  if (noiseMultiplier === undefined && epsilon === undefined)
    throw new RangeError('--dp-clip needs --dp-noise Z or --dp-epsilon E');
  if (delta !== undefined && delta >= 1) throw new RangeError(`--dp-delta must be below 1, got ${delta}`);
  const options: DpOptions = { clip };
  if (noiseMultiplier !== undefined) options.noiseMultiplier = noiseMultiplier;
  if (epsilon !== undefined) options.epsilon = epsilon;
  if (delta !== undefined) options.delta = delta;
  if (population !== undefined) options.population = population;
  if (clipQuantile !== undefined) options.clipQuantile = clipQuantile;
  return options;
}
