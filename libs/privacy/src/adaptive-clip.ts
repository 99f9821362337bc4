import type { RandomSource } from './random-source';

/** Settings of adaptive clipping (Andrew, Thakkar, McMahan, Ramaswamy 2021). */
export interface AdaptiveClipOptions {
  /** gamma: the quantile of update norms the clip tracks (0.5: the median). */
  quantile: number;
  /** eta_C: geometric step of the clip per round (the paper uses 0.2). */
  learningRate: number;
  /** sigma_b: std of the Gaussian noise on the count of unclipped updates (the paper: expected cohort / 20). */
  countNoise: number;
}

/**
 * Adaptive clipping by geometric updates toward a quantile (Andrew et al. 2021, Algorithm 1):
 * each round the fraction of updates whose norm was within the clip is released with Gaussian
 * noise, b~ = (sum_k 1[||delta_k|| <= C] + N(0, sigma_b^2)) / m for the expected cohort m, and
 * C <- C * exp(-eta_C (b~ - gamma)). The count costs privacy too: for an overall noise multiplier
 * z the sum gets z_Delta = (z^-2 - (2 sigma_b)^-2)^(-1/2) (their Theorem 1), see
 * {@link sumNoiseMultiplier}.
 *
 * @example
 * const clip = new AdaptiveClip(0.5, { quantile: 0.5, learningRate: 0.2, countNoise: 5 });
 * clip.update(unclippedCount, expectedCohort, cryptoRandomSource()); // clip.value moves toward the median norm
 */
export class AdaptiveClip {
  private current: number;

  constructor(
    initial: number,
    readonly options: AdaptiveClipOptions,
  ) {
    if (!(initial > 0) || !Number.isFinite(initial))
      throw new RangeError(`initial clip must be a finite number > 0, got ${initial}`);
    if (!(options.quantile > 0 && options.quantile < 1))
      throw new RangeError(`quantile must be in (0, 1), got ${options.quantile}`);
    if (!(options.learningRate > 0)) throw new RangeError(`learningRate must be > 0, got ${options.learningRate}`);
    if (!(options.countNoise > 0)) throw new RangeError(`countNoise must be > 0, got ${options.countNoise}`);
    this.current = initial;
  }

  /** The clip C to use this round. */
  get value(): number {
    return this.current;
  }

  /** Moves the clip after a round in which `unclipped` of the updates had norm <= C; `expectedCohort` is m. */
  update(unclipped: number, expectedCohort: number, source: RandomSource): number {
    let u = 0;
    while (u === 0) u = source.nextFloat();
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * source.nextFloat());
    const fraction = (unclipped + this.options.countNoise * normal) / expectedCohort;
    this.current *= Math.exp(-this.options.learningRate * (fraction - this.options.quantile));
    return this.current;
  }
}

/**
 * The noise multiplier left for the sum when the count of unclipped updates takes noise sigma_b and
 * the round as a whole must have multiplier z: (z^-2 - (2 sigma_b)^-2)^(-1/2) (Andrew et al. 2021,
 * Theorem 1). Needs 2 sigma_b > z.
 *
 * @example
 * sumNoiseMultiplier(1, 5); // 1.005
 */
export function sumNoiseMultiplier(noiseMultiplier: number, countNoise: number): number {
  const rest = noiseMultiplier ** -2 - (2 * countNoise) ** -2;
  if (!(rest > 0))
    throw new RangeError(`countNoise ${countNoise} must exceed half the noise multiplier ${noiseMultiplier}`);
  return rest ** -0.5;
}
