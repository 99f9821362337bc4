import * as tf from '@tensorflow/tfjs-core';
import { Conv2D, getGradient, registerGradient, type GradConfig, type NamedAttrMap } from '@tensorflow/tfjs-core';
// tfjs-core's gradients are registered by tfjs-layers' bundle (core's own list is ESM-only).
import '@tensorflow/tfjs-layers';

const overrides = new WeakSet<GradConfig>();

/**
 * Wraps tfjs-core's Conv2D gradient so that on `backendName`, for a 1x1 stride-1 unpadded
 * NHWC convolution (the pointwise half of a separable conv), dL/dx is dy @ W^T as one
 * untransposed matMul, which the wasm backend runs in XNNPACK, instead of its generic
 * Conv2DBackpropInput loop (measured 8-10x slower on the reference model's shapes).
 * Every other backend and every other convolution uses the original gradient unchanged.
 * Idempotent.
 *
 * @example
 * registerPointwiseConv2dInputGradient('wasm');
 */
export function registerPointwiseConv2dInputGradient(backendName: string): void {
  const original = getGradient(Conv2D);
  if (original == null) throw new Error('tfjs-core has no Conv2D gradient registered');
  if (overrides.has(original)) return;
  const wrapped: GradConfig = {
    ...original,
    gradFunc: (dy, saved, attrs) => {
      const gradients = original.gradFunc(dy, saved, attrs);
      const [x, filter] = saved;
      if (tf.getBackend() !== backendName || !isPointwise(filter.shape, attrs)) return gradients;
      const [, , inChannels, outChannels] = filter.shape as number[];
      return {
        ...gradients,
        x: () =>
          tf.tidy(() => {
            const dyRows = tf.reshape(dy as tf.Tensor, [-1, outChannels]) as tf.Tensor2D;
            const filterT = tf.transpose(tf.reshape(filter, [inChannels, outChannels]));
            return tf.reshape(tf.matMul(dyRows, filterT as tf.Tensor2D), x.shape);
          }),
      };
    },
  };
  overrides.add(wrapped);
  registerGradient(wrapped);
}

function isPointwise(filterShape: number[], attrs: NamedAttrMap): boolean {
  const { strides, dilations, dataFormat, pad } = attrs;
  const allOnes = (value: unknown) =>
    value == null || value === 1 || (Array.isArray(value) && value.every((v) => v === 1));
  return (
    filterShape[0] === 1 &&
    filterShape[1] === 1 &&
    allOnes(strides) &&
    allOnes(dilations) &&
    (dataFormat == null || dataFormat === 'NHWC') &&
    (pad === 'same' || pad === 'valid' || pad === 0)
  );
}
