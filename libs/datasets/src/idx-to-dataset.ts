import type { Dataset } from './dataset';
import type { IdxArray } from './idx-array';

const BYTE_TO_UNIT = Float32Array.from({ length: 256 }, (_, i) => i / 255);

/**
 * Builds a Dataset from IDX images ([N, H, W] or [N, H, W, C] unsigned bytes, scaled by 1/255)
 * and IDX labels ([N] unsigned bytes). `classes` defaults to the largest label + 1.
 *
 * @example
 * const train = idxToDataset(readIdxFile(imagesPath), readIdxFile(labelsPath), 10);
 */
export function idxToDataset(images: IdxArray, labels: IdxArray, classes?: number): Dataset {
  if (!(images?.data instanceof Uint8Array)) throw new Error('images.data must be unsigned bytes (IDX type 0x08)');
  if (!(labels?.data instanceof Uint8Array)) throw new Error('labels.data must be unsigned bytes (IDX type 0x08)');
  const dims = images.dims;
  if (dims.length !== 3 && dims.length !== 4) {
    throw new Error(`images.dims must be [N, H, W] or [N, H, W, C], got [${dims.join(', ')}]`);
  }
  const [count, height, width] = dims;
  const channels = dims.length === 4 ? dims[3] : 1;
  if (labels.dims.length !== 1 || labels.dims[0] !== count) {
    throw new Error(`labels.dims must be [${count}] to match images, got [${labels.dims.join(', ')}]`);
  }
  let maxLabel = -1;
  for (const label of labels.data) if (label > maxLabel) maxLabel = label;
  const resolvedClasses = classes ?? maxLabel + 1;
  if (!Number.isInteger(resolvedClasses) || resolvedClasses < 1 || resolvedClasses > 256) {
    throw new Error(`classes must be an integer in [1, 256], got ${resolvedClasses}`);
  }
  if (maxLabel >= resolvedClasses) throw new Error(`labels holds class ${maxLabel}, but classes is ${resolvedClasses}`);
  const pixels = new Float32Array(images.data.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = BYTE_TO_UNIT[images.data[i]];
  return {
    images: pixels,
    labels: labels.data.slice(),
    shape: [height, width, channels],
    classes: resolvedClasses,
    count,
  };
}
