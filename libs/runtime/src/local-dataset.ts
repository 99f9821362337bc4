/**
 * Examples held on one device, channels-last: `images` holds `count` images of `shape`
 * ([height, width, channels]) back to back, `labels[i]` is the class of image i.
 */
export interface LocalDataset {
  images: Float32Array;
  labels: Uint8Array;
  shape: [number, number, number];
  classes: number;
  count: number;
}

/**
 * Checks that `data` is internally consistent (sizes, label range), naming the bad field.
 *
 * @example
 * assertLocalDataset({ images: new Float32Array(784), labels: Uint8Array.of(3), shape: [28, 28, 1], classes: 10, count: 1 });
 */
export function assertLocalDataset(data: LocalDataset, name = 'data'): void {
  if (data === null || typeof data !== 'object') throw new TypeError(`${name} must be a LocalDataset object`);
  if (!(data.images instanceof Float32Array)) throw new TypeError(`${name}.images must be a Float32Array`);
  if (!(data.labels instanceof Uint8Array)) throw new TypeError(`${name}.labels must be a Uint8Array`);
  const { shape, classes, count } = data;
  if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((d) => Number.isInteger(d) && d > 0)) {
    throw new Error(
      `${name}.shape must be [height, width, channels] of positive integers, got ${JSON.stringify(shape)}`,
    );
  }
  if (!Number.isInteger(classes) || classes < 2 || classes > 256)
    throw new Error(`${name}.classes must be an integer in [2, 256], got ${classes}`);
  if (!Number.isInteger(count) || count < 0)
    throw new Error(`${name}.count must be a non-negative integer, got ${count}`);
  const imageSize = shape[0] * shape[1] * shape[2];
  if (data.images.length !== count * imageSize) {
    throw new Error(
      `${name}.images has ${data.images.length} values, expected count * ${imageSize} = ${count * imageSize}`,
    );
  }
  if (data.labels.length !== count)
    throw new Error(`${name}.labels has ${data.labels.length} entries, expected ${count}`);
  for (let i = 0; i < count; i++) {
    if (data.labels[i] >= classes)
      throw new Error(`${name}.labels[${i}] = ${data.labels[i]} is not below classes = ${classes}`);
  }
}
