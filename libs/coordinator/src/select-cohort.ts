import { SeededRandom } from '@edgefl/random';

/**
 * Picks the cohort of a round: `ceil(goal * overSelection)` distinct ids from `available`,
 * uniformly at random for the seed (Bonawitz et al. 2019, over-selection absorbs dropouts).
 * With `scoreOf` (suspicion scores, suspicion-policy.ts) the lowest scores go first and the
 * draw is uniform only among equal scores; `limit` caps the size (a retry's smaller cohort).
 *
 * @example
 * selectCohort(['a', 'b', 'c', 'd'], 2, 1.3, 7); // 3 of the 4 ids
 * selectCohort(['a', 'b', 'c', 'd'], 2, 1.3, 7, (id) => (id === 'b' ? 1 : 0)); // 3 ids, 'b' never among them
 */
export function selectCohort(
  available: readonly string[],
  goal: number,
  overSelection: number,
  seed: number,
  scoreOf?: (clientId: string) => number,
  limit = Infinity,
): string[] {
  if (!Number.isInteger(goal) || goal < 1) throw new RangeError(`goal must be a positive integer, got ${goal}`);
  if (!(overSelection >= 1)) throw new RangeError(`overSelection must be >= 1, got ${overSelection}`);
  const wanted = Math.min(available.length, Math.ceil(goal * overSelection), limit);
  const sorted = [...available].sort();
  const shuffled = new SeededRandom(seed).shuffle(sorted);
  if (scoreOf) shuffled.sort((a, b) => scoreOf(a) - scoreOf(b)); // stable: ties keep the seeded order
  return shuffled.slice(0, wanted);
}
