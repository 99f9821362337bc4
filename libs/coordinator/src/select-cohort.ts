import { SeededRandom } from '@edgefl/random';

/**
 * Picks the cohort of a round: `ceil(goal * overSelection)` distinct ids from `available`,
 * uniformly at random for the seed (Bonawitz et al. 2019, over-selection absorbs dropouts).
 *
 * @example
 * selectCohort(['a', 'b', 'c', 'd'], 2, 1.3, 7); // 3 of the 4 ids
 */
export function selectCohort(available: readonly string[], goal: number, overSelection: number, seed: number): string[] {
  if (!Number.isInteger(goal) || goal < 1) throw new RangeError(`goal must be a positive integer, got ${goal}`);
  if (!(overSelection >= 1)) throw new RangeError(`overSelection must be >= 1, got ${overSelection}`);
  const wanted = Math.min(available.length, Math.ceil(goal * overSelection));
  const sorted = [...available].sort();
  return new SeededRandom(seed).shuffle(sorted).slice(0, wanted);
}
