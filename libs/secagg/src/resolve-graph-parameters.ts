import { chooseGraphParameters, type GraphParameterTargets, type GraphParameters } from './choose-graph-parameters';
import { defaultThreshold } from './neighbour-graph';

/** Configured k and t (either may be absent: chosen from the targets) and the targets. */
export interface GraphParameterSettings extends GraphParameterTargets {
  readonly neighbours?: number;
  readonly threshold?: number;
}

/**
 * The k and t a round of n clients runs with: the configured ones, checked, or those
 * {@link chooseGraphParameters} picks. Throws a RangeError that says what to change when the
 * configured values can never make a graph for n: an odd k below n-1 (a circulant graph needs an
 * even degree), or a t outside k'/2 < t <= k' with k' = min(k, n-1).
 *
 * @example
 * resolveGraphParameters(7, { neighbours: 3 }); // throws: --neighbours 3 cannot build a graph of 7 clients ...
 * resolveGraphParameters(100, {});              // k = 74, t = 38 at the default 20% dropout
 */
export function resolveGraphParameters(cohortSize: number, settings: GraphParameterSettings): GraphParameters {
  const chosen = chooseGraphParameters(cohortSize, settings);
  if (settings.neighbours === undefined && settings.threshold === undefined) return chosen;
  const n = cohortSize;
  const k = settings.neighbours ?? chosen.neighbourCount;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`neighbours must be a positive integer, got ${k}`);
  const degree = Math.min(k, n - 1);
  if (k < n - 1 && k % 2 !== 0) {
    throw new RangeError(
      `--neighbours ${k} cannot build a graph of ${n} clients: below n-1 = ${n - 1} the degree must be even (use ${k - 1} or ${k + 1}, or leave it out to choose it from --expected-dropout)`,
    );
  }
  const t = settings.threshold ?? defaultThreshold(degree);
  if (!Number.isInteger(t) || t <= degree / 2 || t > degree) {
    throw new RangeError(
      `--threshold ${t} does not fit ${n} clients with degree ${degree}${k > degree ? ` (--neighbours ${k} capped at n-1)` : ''}: it must satisfy degree/2 < t <= degree, i.e. ${Math.floor(degree / 2) + 1}..${degree}`,
    );
  }
  return { neighbourCount: k, threshold: t, failureBound: Number.NaN, securityBound: Number.NaN, meetsTarget: false };
}
