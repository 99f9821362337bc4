import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FASHION_MNIST_FILES } from '../fashion-mnist-files';
import { DEFAULT_FASHION_MNIST_DIR, findFashionMnist } from './find-fashion-mnist';
import { writeFakeFashionMnist } from '../testing/write-fake-fashion-mnist';

describe('findFashionMnist', () => {
  let root: string;
  let flagDir: string;
  let envDir: string;
  let partialDir: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'edgefl-find-'));
    flagDir = join(root, 'flag');
    envDir = join(root, 'env');
    partialDir = join(root, 'partial');
    writeFakeFashionMnist(flagDir, { train: 2, test: 1 });
    writeFakeFashionMnist(envDir, { train: 2, test: 1 });
    mkdirSync(partialDir);
    writeFileSync(join(partialDir, FASHION_MNIST_FILES.trainImages), '');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('prefers the flag dir, then EDGEFL_DATA', () => {
    expect(findFashionMnist({ dir: flagDir, env: { EDGEFL_DATA: envDir } })).toBe(flagDir);
    expect(findFashionMnist({ env: { EDGEFL_DATA: envDir } })).toBe(envDir);
  });

  it('skips a directory that lacks any of the four files', () => {
    expect(findFashionMnist({ dir: partialDir, env: { EDGEFL_DATA: envDir } })).toBe(envDir);
    expect(findFashionMnist({ dir: join(root, 'nope'), env: { EDGEFL_DATA: partialDir } })).toBe(
      findFashionMnist({ env: {} }),
    );
  });

  it('falls back to the default dir, or undefined when it is absent', () => {
    const found = findFashionMnist({ env: {} });
    expect(found === undefined || found === DEFAULT_FASHION_MNIST_DIR).toBe(true);
    expect(DEFAULT_FASHION_MNIST_DIR).toBe('/usr/share/datasets/fashion-mnist');
  });
});
