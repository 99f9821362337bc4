import {
  backend_util,
  DepthwiseConv2dNativeBackpropFilter,
  type DepthwiseConv2dNativeBackpropFilterAttrs,
  type KernelConfig,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { toConvGeometry } from './conv-geometry';
import { correlationPadding, cropToFilter, dyAsFilter, inputForCorrelation } from './correlate-with-dy';
import { KernelComposer, requireInput, type ComposableBackend } from './kernel-composer';

/**
 * dL/dfilter of a depthwise convolution, built from kernels every backend has:
 * dW[i, j, c, m] = sum over (n, oh, ow) of x_padded[n, oh*s + i, ow*s + j, c] * dy[n, oh, ow, c*M + m].
 * That is itself a depthwise convolution: of the padded input laid out as one image with N*C
 * channels [1, Hp, Wp, N*C], by dy laid out as a filter [OH, OW, N*C, M], dilated by the
 * forward stride and padded as the forward pass was. It yields [1, kh, kw, N*C*M]; summing
 * over N gives the gradient. So the whole gradient is two transposes, one native depthwise
 * convolution and one small sum, with no per-tap work.
 */
export function depthwiseConv2dBackpropFilterComposed(
  backendName: string,
  args: {
    inputs: { x: TensorInfo; dy: TensorInfo };
    backend: ComposableBackend;
    attrs: DepthwiseConv2dNativeBackpropFilterAttrs;
  },
): TensorInfo {
  const { x, dy } = args.inputs;
  const { strides, pad, dilations, dimRoundingMode, filterShape } = args.attrs;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    dilations,
    pad,
    dimRoundingMode,
    true,
  );
  const g = toConvGeometry(info);
  const [filterHeight, filterWidth, channels, multiplier] = filterShape;
  const composer = new KernelComposer(args.backend, backendName);
  try {
    const image = composer.reshape(inputForCorrelation(composer, x, 'spatial-batch-channels'), [
      1,
      g.inHeight,
      g.inWidth,
      g.batch * channels,
    ]);
    const filter = composer.reshape(dyAsFilter(composer, dy), [
      g.outHeight,
      g.outWidth,
      g.batch * channels,
      multiplier,
    ]);
    const correlation = composer.run(
      'DepthwiseConv2dNative',
      { x: image, filter },
      {
        strides: [1, 1],
        pad: correlationPadding(g),
        dilations: [g.strideHeight, g.strideWidth],
      },
    );
    const cropped = cropToFilter(composer, correlation, filterHeight, filterWidth);
    const perExample = composer.reshape(cropped, [filterHeight * filterWidth, g.batch, channels * multiplier]);
    const summed = composer.run('Sum', { x: perExample }, { axis: [1], keepDims: false });
    return composer.keep(composer.reshape(summed, filterShape));
  } finally {
    composer.disposeIntermediates();
  }
}

/** Registers `depthwiseConv2dBackpropFilterComposed` as `DepthwiseConv2dNativeBackpropFilter` for `backendName`. */
export function depthwiseConv2dBackpropFilterConfig(backendName: string): KernelConfig {
  return {
    kernelName: DepthwiseConv2dNativeBackpropFilter,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) =>
      depthwiseConv2dBackpropFilterComposed(backendName, {
        inputs: { x: requireInput(inputs, 'x'), dy: requireInput(inputs, 'dy') },
        backend: backend as ComposableBackend,
        // The kernel registry is untyped; these are the attributes tfjs-core's op passes.
        attrs: attrs as unknown as DepthwiseConv2dNativeBackpropFilterAttrs,
      }),
  };
}
