import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FASHION_MNIST_FILES } from '../fashion-mnist-files';

/** Where Debian's `dataset-fashion-mnist` package installs the files. */
export const DEFAULT_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/**
 * Finds a directory holding the four Fashion-MNIST files: `options.dir` (a CLI flag) first, then
 * `env.EDGEFL_DATA`, then `DEFAULT_FASHION_MNIST_DIR`. A candidate counts only if all four files
 * exist; returns undefined when none does, so callers can fall back to a procedural dataset.
 *
 * @example
 * const dir = findFashionMnist({ dir: flags.data });
 * const data = dir ? loadFashionMnist(dir) : undefined;
 */
export function findFashionMnist(options: { dir?: string; env?: NodeJS.ProcessEnv } = {}): string | undefined {
  if (typeof options !== 'object' || options === null) throw new Error('options must be an object');
  const env = options.env ?? process.env;
  const candidates = [options.dir, env.EDGEFL_DATA, DEFAULT_FASHION_MNIST_DIR];
  return candidates.find(
    (dir): dir is string =>
      typeof dir === 'string' &&
      dir.length > 0 &&
      Object.values(FASHION_MNIST_FILES).every((file) => existsSync(join(dir, file))),
  );
}
