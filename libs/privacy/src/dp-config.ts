import { sumNoiseMultiplier } from './adaptive-clip';
import type { AdaptiveClipOptions } from './adaptive-clip';
import { solveNoiseMultiplier } from './solve-noise-multiplier';

/** Client-level DP settings of a run, as given by a user (CLI flags, config file, embedding API). */
export interface DpOptions {
  /** L2 bound C on each client's update. */
  clip: number;
  /** Noise multiplier z: the sum gets N(0, (zC)^2) per coordinate. Solved from `epsilon` when absent. */
  noiseMultiplier?: number;
  /** Privacy budget: the run stops before a round would take epsilon above it. */
  epsilon?: number;
  /** The delta of (epsilon, delta); 1e-5 by default. */
  delta?: number;
  /**
   * Clients eligible per round, for planning: the sampling rate is q = clientsPerRound / population.
   * Needed to solve z from `epsilon`; the accountant itself uses each round's actual rate.
   */
  population?: number;
  /**
   * Adaptive clipping (Andrew et al. 2021), plain rounds only: `clip` is the initial value and moves
   * each round toward this quantile of the update norms (eta_C = 0.2, count noise = clientsPerRound / 20).
   */
  clipQuantile?: number;
  /** Adaptive clipping spelled out (what `clipQuantile` resolves to); wins over `clipQuantile`. */
  adaptiveClip?: AdaptiveClipOptions;
}

/** {@link DpOptions} checked, with the noise multiplier resolved. */
export interface DpConfig {
  clip: number;
  noiseMultiplier: number;
  delta: number;
  epsilon?: number;
  population?: number;
  adaptiveClip?: AdaptiveClipOptions;
}

/**
 * Checks DP options (naming the bad field) and solves the noise multiplier from the budget when
 * only `epsilon` is given, for `rounds` rounds at rate clientsPerRound / population.
 *
 * @example
 * resolveDpConfig({ clip: 1, epsilon: 8, population: 1000 }, { rounds: 100, clientsPerRound: 100 });
 * // { clip: 1, noiseMultiplier: ~0.7, delta: 1e-5, epsilon: 8, population: 1000 }
 */
export function resolveDpConfig(options: DpOptions, plan: { rounds: number; clientsPerRound: number }): DpConfig {
  if (typeof options !== 'object' || options === null) throw new TypeError('dp must be an object');
  const { clip, noiseMultiplier, epsilon, population, clipQuantile } = options;
  if (clipQuantile !== undefined && !(clipQuantile > 0 && clipQuantile < 1))
    throw new RangeError(`dp.clipQuantile must be in (0, 1), got ${clipQuantile}`);
  const adaptiveClip =
    options.adaptiveClip ??
    (clipQuantile === undefined
      ? undefined
      : { quantile: clipQuantile, learningRate: 0.2, countNoise: Math.max(1, plan.clientsPerRound / 20) });
  const adaptive = adaptiveClip ? { adaptiveClip } : {};
  const delta = options.delta ?? 1e-5;
  if (!(clip > 0) || !Number.isFinite(clip)) throw new RangeError(`dp.clip must be a finite number > 0, got ${clip}`);
  if (!(delta > 0 && delta < 1)) throw new RangeError(`dp.delta must be in (0, 1), got ${delta}`);
  if (epsilon !== undefined && !(epsilon > 0)) throw new RangeError(`dp.epsilon must be > 0, got ${epsilon}`);
  if (population !== undefined && (!Number.isInteger(population) || population < 1)) {
    throw new RangeError(`dp.population must be an integer >= 1, got ${population}`);
  }
  if (noiseMultiplier !== undefined) {
    if (!(noiseMultiplier > 0) || !Number.isFinite(noiseMultiplier)) {
      throw new RangeError(`dp.noiseMultiplier must be a finite number > 0, got ${noiseMultiplier}`);
    }
    if (adaptiveClip) sumNoiseMultiplier(noiseMultiplier, adaptiveClip.countNoise);
    return { clip, noiseMultiplier, delta, epsilon, population, ...adaptive };
  }
  if (epsilon === undefined || !Number.isFinite(epsilon))
    throw new RangeError('dp needs noiseMultiplier, or a finite epsilon (with population) to solve it from');
  if (population === undefined)
    throw new RangeError(
      'dp.population is needed to solve the noise multiplier from dp.epsilon (q = clientsPerRound / population)',
    );
  const q = Math.min(1, plan.clientsPerRound / population);
  const solved = solveNoiseMultiplier({ q, rounds: plan.rounds, epsilon, delta });
  if (adaptiveClip) sumNoiseMultiplier(solved, adaptiveClip.countNoise);
  return { clip, noiseMultiplier: solved, delta, epsilon, population, ...adaptive };
}
