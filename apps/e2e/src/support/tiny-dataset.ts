import type { LocalDataset } from '@edgefl/runtime';

/** A dataset of `count` examples of a [side, side, 1] image whose pixels are all `fill`. */
export function tinyDataset(count: number, side = 8, fill = 0.5): LocalDataset {
  return {
    images: new Float32Array(count * side * side).fill(fill),
    labels: new Uint8Array(count),
    shape: [side, side, 1],
    classes: 10,
    count,
  };
}
