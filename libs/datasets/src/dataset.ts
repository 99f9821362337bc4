/**
 * An in-memory image classification dataset: pixels in [0, 1], NHWC order, one class id per image.
 *
 * @example
 * const pixel = dataset.images[((n * H + y) * W + x) * C + c]; // with [H, W, C] = dataset.shape
 */
export interface Dataset {
  /** N*H*W*C values in [0, 1], NHWC order. */
  images: Float32Array;
  /** N class ids in [0, classes). */
  labels: Uint8Array;
  /** [H, W, C] of one image. */
  shape: [number, number, number];
  classes: number;
  count: number;
}
