import type { Dataset } from './dataset';

/**
 * Weights of a 1-D area resampling from `from` samples to `to`: output i averages the input
 * interval [i * from / to, (i + 1) * from / to), each input sample weighted by its overlap.
 */
function areaWeights(from: number, to: number): Array<Array<[index: number, weight: number]>> {
  const step = from / to;
  return Array.from({ length: to }, (_, i) => {
    const start = i * step;
    const end = start + step;
    const taps: Array<[number, number]> = [];
    for (let j = Math.floor(start); j < Math.min(from, Math.ceil(end)); j++) {
      const overlap = Math.min(end, j + 1) - Math.max(start, j);
      if (overlap > 1e-12) taps.push([j, overlap / step]);
    }
    return taps;
  });
}

/**
 * Resamples every image to `height` x `width` by area averaging (each output pixel is the mean of
 * the input area it covers, in each channel): the box filter image libraries use to shrink
 * images (OpenCV's INTER_AREA), exact for integer factors (28 -> 14 averages 2 x 2 blocks) and
 * defined for any other (28 -> 20). Labels, classes and count are kept; pixels stay in [0, 1].
 *
 * @example
 * const small = resizeDataset(fashionTest, 14, 14); // small.shape: [14, 14, 1]
 */
export function resizeDataset(dataset: Dataset, height: number, width: number): Dataset {
  if (!(dataset?.images instanceof Float32Array)) throw new Error('dataset must be a Dataset with Float32Array images');
  for (const [name, value] of [
    ['height', height],
    ['width', width],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  const [inHeight, inWidth, channels] = dataset.shape;
  if (inHeight === height && inWidth === width) return { ...dataset, shape: [height, width, channels] };
  const rows = areaWeights(inHeight, height);
  const columns = areaWeights(inWidth, width);
  const inSize = inHeight * inWidth * channels;
  const outSize = height * width * channels;
  const images = new Float32Array(dataset.count * outSize);
  // Columns first into one row buffer per input row, then rows.
  const partial = new Float64Array(inHeight * width * channels);
  for (let n = 0; n < dataset.count; n++) {
    const image = dataset.images.subarray(n * inSize, (n + 1) * inSize);
    partial.fill(0);
    for (let y = 0; y < inHeight; y++)
      for (let x = 0; x < width; x++)
        for (const [j, w] of columns[x])
          for (let c = 0; c < channels; c++)
            partial[(y * width + x) * channels + c] += w * image[(y * inWidth + j) * channels + c];
    const out = images.subarray(n * outSize, (n + 1) * outSize);
    for (let y = 0; y < height; y++)
      for (const [i, w] of rows[y])
        for (let x = 0; x < width * channels; x++)
          out[y * width * channels + x] += w * partial[i * width * channels + x];
  }
  for (let i = 0; i < images.length; i++) images[i] = Math.min(1, Math.max(0, images[i]));
  return {
    images,
    labels: dataset.labels,
    shape: [height, width, channels],
    classes: dataset.classes,
    count: dataset.count,
  };
}
