import { join } from 'node:path';
import type { Dataset } from '../dataset';
import { FASHION_MNIST_FILES } from '../fashion-mnist-files';
import type { IdxArray } from '../idx-array';
import { idxToDataset } from '../idx-to-dataset';
import { readIdxFile } from './read-idx-file';

/**
 * Loads Fashion-MNIST from `dir` (see `findFashionMnist`), optionally only the first
 * `trainLimit` / `testLimit` examples, as 28x28x1 datasets with 10 classes.
 *
 * @example
 * const { train, test } = loadFashionMnist(DEFAULT_FASHION_MNIST_DIR, { trainLimit: 6000 });
 */
export function loadFashionMnist(
  dir: string,
  options: { trainLimit?: number; testLimit?: number } = {},
): { train: Dataset; test: Dataset } {
  if (typeof dir !== 'string' || dir.length === 0) throw new Error('dir must be a non-empty string');
  const { trainLimit, testLimit } = options;
  for (const [name, limit] of [
    ['trainLimit', trainLimit],
    ['testLimit', testLimit],
  ] as const) {
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 0))
      throw new Error(`options.${name} must be an integer >= 0, got ${limit}`);
  }
  const load = (imagesFile: string, labelsFile: string, limit: number | undefined): Dataset =>
    idxToDataset(
      takeFirst(readIdxFile(join(dir, imagesFile)), limit),
      takeFirst(readIdxFile(join(dir, labelsFile)), limit),
      10,
    );
  return {
    train: load(FASHION_MNIST_FILES.trainImages, FASHION_MNIST_FILES.trainLabels, trainLimit),
    test: load(FASHION_MNIST_FILES.testImages, FASHION_MNIST_FILES.testLabels, testLimit),
  };
}

/** The first `limit` rows of an IDX array, before pixels are scaled to floats (saves memory). */
function takeFirst(array: IdxArray, limit: number | undefined): IdxArray {
  if (limit === undefined || limit >= array.dims[0]) return array;
  const rowSize = array.dims.slice(1).reduce((a, b) => a * b, 1);
  return { dims: [limit, ...array.dims.slice(1)], data: array.data.subarray(0, limit * rowSize) };
}
