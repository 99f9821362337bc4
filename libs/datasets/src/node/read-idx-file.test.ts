import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeIdx } from '../encode-idx';
import type { IdxArray } from '../idx-array';
import { readIdxFile } from './read-idx-file';

describe('readIdxFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'edgefl-idx-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const arrays: IdxArray[] = [
    { dims: [2, 3], data: Uint8Array.from([0, 1, 2, 253, 254, 255]) },
    { dims: [3], data: Float32Array.from([1.5, -0, Number.POSITIVE_INFINITY]) },
    { dims: [1, 2, 1], data: Int32Array.from([-(2 ** 31), 2 ** 31 - 1]) },
  ];

  it.each(arrays.map((array, i) => [i, array] as const))(
    'round-trips array %p through a .gz file and a plain file',
    (i, array) => {
      const gz = join(dir, `a${i}-idx.gz`);
      const plain = join(dir, `a${i}-idx`);
      writeFileSync(gz, gzipSync(encodeIdx(array)));
      writeFileSync(plain, encodeIdx(array));
      for (const path of [gz, plain]) {
        const read = readIdxFile(path);
        expect(read.dims).toEqual(array.dims);
        expect(read.data).toEqual(array.data);
      }
    },
  );

  it('names the file when it is not IDX', () => {
    const path = join(dir, 'garbage.gz');
    writeFileSync(path, gzipSync(new Uint8Array([1, 2, 3, 4, 5])));
    expect(() => readIdxFile(path)).toThrow(/garbage\.gz: bytes is not IDX/);
    expect(() => readIdxFile(join(dir, 'missing'))).toThrow(/ENOENT/);
    expect(() => readIdxFile('')).toThrow(/path/);
  });
});
