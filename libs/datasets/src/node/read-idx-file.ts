import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { IdxArray } from '../idx-array';
import { parseIdx } from '../parse-idx';

/**
 * Reads an IDX file, gunzipping it first when it starts with the gzip magic bytes (whatever its name).
 *
 * @example
 * const labels = readIdxFile('/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz');
 */
export function readIdxFile(path: string): IdxArray {
  if (typeof path !== 'string' || path.length === 0) throw new Error('path must be a non-empty string');
  const raw = readFileSync(path);
  const bytes = raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
  try {
    return parseIdx(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
}
