import { SeededRandom } from '@edgefl/random';
import type { Dataset } from './dataset';
import { subsetDataset } from './subset-dataset';

/**
 * Splits a dataset at random (seeded) into train and test parts; the test part gets
 * round(count * testFraction) examples.
 *
 * @example
 * const { train, test } = splitTrainTest(makeProceduralDataset({ count: 12_000, seed: 1 }), 1 / 6, 1);
 */
export function splitTrainTest(
  dataset: Dataset,
  testFraction: number,
  seed: number,
): { train: Dataset; test: Dataset } {
  if (!Number.isInteger(dataset?.count)) throw new Error('dataset must be a Dataset');
  if (!Number.isFinite(testFraction) || testFraction <= 0 || testFraction >= 1) {
    throw new Error(`testFraction must be a number in (0, 1), got ${testFraction}`);
  }
  if (!Number.isFinite(seed)) throw new Error(`seed must be a finite number, got ${seed}`);
  const order = new SeededRandom(seed).shuffle(Array.from({ length: dataset.count }, (_, i) => i));
  const testCount = Math.round(dataset.count * testFraction);
  return {
    train: subsetDataset(dataset, order.slice(testCount)),
    test: subsetDataset(dataset, order.slice(0, testCount)),
  };
}
