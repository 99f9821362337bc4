import * as tf from '@tensorflow/tfjs-core';
import {
  backend_util,
  getGradient,
  MaxPool,
  registerGradient,
  type GradConfig,
  type NamedAttrMap,
} from '@tensorflow/tfjs-core';
// tfjs-core's gradients are registered by tfjs-layers' bundle (core's own list is ESM-only).
import '@tensorflow/tfjs-layers';

const overrides = new WeakSet<GradConfig>();

/**
 * Wraps tfjs-core's MaxPool gradient so that on `backendName`, for non-overlapping unpadded
 * windows (stride = window, e.g. the 2x2 pools of the reference model), dL/dx is computed
 * with a handful of elementwise ops and one max pool instead of the wasm backend's generic
 * MaxPoolGrad loop (measured about 3x slower). Exact, with the cpu backend's tie rule: each
 * window's gradient goes to its first maximum in row-major order:
 *   nonMax = step(y - x)                  1 where x is below its window's max
 *   priority = (1 - nonMax) * rank       rank = k*k for the first window position ... 1 for the last
 *   first = 1 - step(maxPool(priority) - priority)
 *   dx = first * dy (broadcast over the window)
 * Other backends, other poolings and non-finite inputs' semantics are the original's.
 * Idempotent.
 *
 * @example
 * registerNonOverlappingMaxPoolGradient('wasm');
 */
export function registerNonOverlappingMaxPoolGradient(backendName: string): void {
  const original = getGradient(MaxPool);
  if (original == null) throw new Error('tfjs-core has no MaxPool gradient registered');
  if (overrides.has(original)) return;
  const wrapped: GradConfig = {
    ...original,
    gradFunc: (dy, saved, attrs) => {
      const [x, y] = saved;
      const windows = tf.getBackend() === backendName ? nonOverlappingWindow(x.shape, attrs) : null;
      if (windows === null) return original.gradFunc(dy, saved, attrs);
      return { x: () => firstMaxGradient(dy as tf.Tensor, x, y, windows) };
    },
  };
  overrides.add(wrapped);
  registerGradient(wrapped);
}

/** [windowHeight, windowWidth] when the pooling tiles the input exactly, else null. */
function nonOverlappingWindow(xShape: number[], attrs: NamedAttrMap): [number, number] | null {
  if (xShape.length !== 4) return null;
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.MaxPoolAttrs;
  const info = backend_util.computePool2DInfo(
    xShape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { top, bottom, left, right } = info.padInfo;
  const tiles =
    info.filterHeight === info.strideHeight &&
    info.filterWidth === info.strideWidth &&
    top + bottom + left + right === 0 &&
    info.outHeight * info.filterHeight === info.inHeight &&
    info.outWidth * info.filterWidth === info.inWidth;
  return tiles ? [info.filterHeight, info.filterWidth] : null;
}

function firstMaxGradient(dy: tf.Tensor, x: tf.Tensor, y: tf.Tensor, [kh, kw]: [number, number]): tf.Tensor {
  return tf.tidy(() => {
    const [batch, height, width, channels] = x.shape as number[];
    const [outHeight, outWidth] = [height / kh, width / kw];
    const windowed = [batch, outHeight, kh, outWidth, kw, channels];
    const perWindow = [batch, outHeight, 1, outWidth, 1, channels];
    const x6 = tf.reshape(x, windowed);
    const rank = tf.tensor(
      Array.from({ length: kh * kw }, (_, i) => kh * kw - i),
      [1, 1, kh, 1, kw, 1],
    );
    const one = tf.scalar(1);
    const nonMax = tf.step(tf.sub(tf.reshape(y, perWindow), x6));
    const priority = tf.mul(tf.sub(one, nonMax), rank);
    const best = tf.maxPool(
      tf.reshape(priority, [batch, height, width, channels]) as tf.Tensor4D,
      [kh, kw],
      [kh, kw],
      'valid',
    );
    const first = tf.sub(one, tf.step(tf.sub(tf.reshape(best, perWindow), priority)));
    return tf.reshape(tf.mul(first, tf.reshape(dy, perWindow)), x.shape);
  });
}
