import { SeededRandom } from '@edgefl/random';
import { buildNeighbourGraph, predictRoundOutcome, type InMemoryDropouts } from '@edgefl/secagg';

/** The four points of a round where the bench lets a client drop. */
export const DROPOUT_POINTS = ['beforeAdvertise', 'afterAdvertise', 'afterShare', 'afterMaskedInput'] as const;
export type DropoutPoint = (typeof DROPOUT_POINTS)[number];
export type DropoutSchedule = Record<DropoutPoint, number[]> & InMemoryDropouts;

/** 32 bytes from `rng` (a graph seed). */
export function seedBytes(rng: SeededRandom): Uint8Array {
  return Uint8Array.from({ length: 32 }, () => rng.nextInt(256));
}

/** Client ids 1..n. */
export function cohortIds(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/**
 * Each client drops with probability `rate`, independently (the model the coordinator's
 * --expected-dropout declares), at one of the four dropout points drawn uniformly.
 */
export function drawDropouts(n: number, rate: number, rng: SeededRandom): DropoutSchedule {
  const schedule: DropoutSchedule = { beforeAdvertise: [], afterAdvertise: [], afterShare: [], afterMaskedInput: [] };
  for (let id = 1; id <= n; id++) {
    if (rng.nextFloat() < rate) schedule[DROPOUT_POINTS[rng.nextInt(DROPOUT_POINTS.length)]].push(id);
  }
  return schedule;
}

/**
 * Monte Carlo estimate of the chance that a round of n clients completes at degree k and
 * threshold t when each drops with probability `rate`: fresh graph and dropouts per trial, the
 * outcome from the library's `predictRoundOutcome`.
 */
export function completionProbability(
  n: number,
  k: number,
  t: number,
  rate: number,
  trials: number,
  consistencyCheck: boolean,
  rng: SeededRandom,
): number {
  const ids = cohortIds(n);
  let completed = 0;
  for (let trial = 0; trial < trials; trial++) {
    const graph = buildNeighbourGraph(ids, k, seedBytes(rng));
    if (predictRoundOutcome(graph.neighbours, t, drawDropouts(n, rate, rng), consistencyCheck).completes) completed++;
  }
  return completed / trials;
}
