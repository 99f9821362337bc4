import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type KernelConfig,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { toConvGeometry } from './conv-geometry';
import { correlationPadding, cropToFilter, dyAsFilter, inputForCorrelation } from './correlate-with-dy';
import { KernelComposer, requireInput, type ComposableBackend } from './kernel-composer';

/**
 * dL/dfilter of a 2-D convolution, built from kernels every backend has:
 * dW[i, j, ci, co] = sum over (n, oh, ow) of x_padded[n, oh*s + i, ow*s + j, ci] * dy[n, oh, ow, co],
 * computed as one forward convolution (see below) instead of per-tap slices. A 1x1 stride-1
 * unpadded convolution (the pointwise half of a separable conv) is x^T @ dy: one transpose
 * and one plain matMul, the only matMul form the wasm backend hands to XNNPACK (transposed
 * operands fall back to a scalar loop).
 */
export function conv2dBackpropFilterComposed(
  backendName: string,
  args: { inputs: { x: TensorInfo; dy: TensorInfo }; backend: ComposableBackend; attrs: Conv2DBackpropFilterAttrs },
): TensorInfo {
  const { x, dy } = args.inputs;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = args.attrs;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    backend_util.convertConv2DDataFormat(dataFormat),
  );
  const g = toConvGeometry(info);
  const [filterHeight, filterWidth, inChannels, outChannels] = filterShape;
  const positions = g.batch * g.outHeight * g.outWidth;
  const composer = new KernelComposer(args.backend, backendName);
  try {
    const pointwise =
      filterHeight === 1 &&
      filterWidth === 1 &&
      g.strideHeight === 1 &&
      g.strideWidth === 1 &&
      g.padTop + g.padLeft + g.padBottom + g.padRight === 0;
    if (pointwise) {
      const dyRows = composer.reshape(dy, [1, positions, outChannels]);
      const xRows = composer.reshape(x, [positions, inChannels]);
      const xColumns = composer.reshape(composer.run('Transpose', { x: xRows }, { perm: [1, 0] }), [
        1,
        inChannels,
        positions,
      ]);
      const product = composer.run('BatchMatMul', { a: xColumns, b: dyRows }, { transposeA: false, transposeB: false });
      return composer.keep(composer.reshape(product, filterShape));
    }
    // The correlation of x with dy over (N, OH, OW) is a forward convolution of the input
    // seen as Cin images with one channel per example [Cin, H, W, N], padded as the forward
    // pass was, by dy seen as a filter [OH, OW, N, Cout] dilated by the stride: [Cin, kh, kw, Cout].
    const images = inputForCorrelation(composer, x, 'channels-spatial-batch');
    const correlation = composer.run(
      'Conv2D',
      { x: images, filter: dyAsFilter(composer, dy) },
      {
        strides: [1, 1],
        pad: correlationPadding(g),
        dataFormat: 'NHWC',
        dilations: [g.strideHeight, g.strideWidth],
      },
    );
    const cropped = cropToFilter(composer, correlation, filterHeight, filterWidth);
    return composer.keep(composer.run('Transpose', { x: cropped }, { perm: [1, 2, 0, 3] }));
  } finally {
    composer.disposeIntermediates();
  }
}

/** Registers `conv2dBackpropFilterComposed` as `Conv2DBackpropFilter` for `backendName`. */
export function conv2dBackpropFilterConfig(backendName: string): KernelConfig {
  return {
    kernelName: Conv2DBackpropFilter,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) =>
      conv2dBackpropFilterComposed(backendName, {
        inputs: { x: requireInput(inputs, 'x'), dy: requireInput(inputs, 'dy') },
        backend: backend as ComposableBackend,
        // The kernel registry is untyped; these are the attributes tfjs-core's op passes.
        attrs: attrs as unknown as Conv2DBackpropFilterAttrs,
      }),
  };
}
