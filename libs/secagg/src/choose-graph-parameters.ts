import { binomialTailAtLeast, binomialTailBelow } from './binomial-tail';
import { defaultThreshold } from './neighbour-graph';

/** What a round's graph must withstand (docs/SECAGG.md, "Choosing k and t"). */
export interface GraphParameterTargets {
  /** delta: the declared chance that a client drops out of a round, at any stage (default 0.2). */
  readonly dropoutRate?: number;
  /** gamma: the fraction of clients that may collude with the coordinator (default 0). */
  readonly corruptedFraction?: number;
  /** eta: the largest acceptable chance that a round fails (default 1e-6). */
  readonly failureProbability?: number;
}

/** k and t for one cohort size, with the bounds they achieve. */
export interface GraphParameters {
  readonly neighbourCount: number;
  readonly threshold: number;
  /** Union bound on the chance that some client keeps fewer than t live neighbours (the round fails). */
  readonly failureBound: number;
  /** Union bound on the chance that some client has 2t - k or more corrupted neighbours (0 when gamma = 0). */
  readonly securityBound: number;
  /** Both bounds are at most the target; false when no k <= n-1 can reach it (small n, or delta too high). */
  readonly meetsTarget: boolean;
}

export const DEFAULT_EXPECTED_DROPOUT = 0.2;
export const DEFAULT_CORRUPTED_FRACTION = 0;
export const DEFAULT_ROUND_FAILURE_PROBABILITY = 1e-6;

/**
 * Chooses the SecAgg+ degree k and threshold t for a cohort of n clients the way Bell et al. 2020
 * do: the smallest k (even, or the complete graph n-1) for which a t exists with
 *
 * - security: t > k/2 (always), and n * P[Bin(k, gamma) >= 2t - k] <= eta, so no client has 2t - k
 *   corrupted neighbours, the number a lying coordinator would need (SECAGG.md, "Consistency check");
 * - liveness: n * P[Bin(k, 1 - delta) < t] <= eta, so every client keeps t live neighbours (the
 *   threshold rule, `hasEnoughPeers`) and the round completes;
 *
 * with t the least value meeting security (it maximises liveness). When no k <= n-1 meets both (small
 * cohorts: at n = 10 even the complete graph fails with probability about 0.2 under independent 20%
 * dropout) it returns the complete graph with the least secure t and `meetsTarget: false`.
 *
 * @example
 * chooseGraphParameters(100, { dropoutRate: 0.2 }); // { neighbourCount: 74, threshold: 38, meetsTarget: true, ... }
 * chooseGraphParameters(500, { dropoutRate: 0.2 }); // k = 82, t = 42
 */
export function chooseGraphParameters(cohortSize: number, targets: GraphParameterTargets = {}): GraphParameters {
  if (!Number.isInteger(cohortSize) || cohortSize < 2)
    throw new RangeError(`cohortSize must be an integer >= 2, got ${cohortSize}`);
  const delta = checkRate(targets.dropoutRate ?? DEFAULT_EXPECTED_DROPOUT, 'dropoutRate');
  const gamma = checkRate(targets.corruptedFraction ?? DEFAULT_CORRUPTED_FRACTION, 'corruptedFraction');
  const eta = targets.failureProbability ?? DEFAULT_ROUND_FAILURE_PROBABILITY;
  if (!(eta > 0 && eta < 1)) throw new RangeError(`failureProbability must be in (0, 1), got ${eta}`);
  const n = cohortSize;
  const evaluate = (k: number): GraphParameters => {
    let t = defaultThreshold(k);
    let securityBound = gamma > 0 ? n * binomialTailAtLeast(k, gamma, 2 * t - k) : 0;
    while (securityBound > eta && t < k) {
      t++;
      securityBound = n * binomialTailAtLeast(k, gamma, 2 * t - k);
    }
    const failureBound = Math.min(1, n * binomialTailBelow(k, 1 - delta, t));
    return {
      neighbourCount: k,
      threshold: t,
      failureBound,
      securityBound: Math.min(1, securityBound),
      meetsTarget: failureBound <= eta && securityBound <= eta,
    };
  };
  // Reachable only when a t with (1 + gamma) k / 2 < t < (1 - delta) k exists for large k.
  if (delta < (1 - gamma) / 2) {
    for (let k = 2; k < n - 1; k += 2) {
      const chosen = evaluate(k);
      if (chosen.meetsTarget) return chosen;
    }
  }
  return evaluate(n - 1);
}

function checkRate(value: number, name: string): number {
  if (!(typeof value === 'number' && value >= 0 && value < 1))
    throw new RangeError(`${name} must be a number in [0, 1), got ${String(value)}`);
  return value;
}
