import {
  backend_util,
  DepthwiseConv2dNativeBackpropInput,
  type DepthwiseConv2dNativeBackpropInputAttrs,
  type KernelConfig,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { toConvGeometry } from './conv-geometry';
import { KernelComposer, requireInput, type ComposableBackend } from './kernel-composer';

/**
 * dL/dx of a depthwise convolution, built from kernels every backend has: a stride-1 'valid'
 * depthwise convolution of dy with the spatially reversed filter, after dy is dilated by the
 * stride (zeros inserted, by padding a reshaped view) and padded by (k - 1 - pad). With a
 * channel multiplier M the C*M channels are convolved separately and summed per input
 * channel.
 */
export function depthwiseConv2dBackpropInputComposed(
  backendName: string,
  args: {
    inputs: { dy: TensorInfo; filter: TensorInfo };
    backend: ComposableBackend;
    attrs: DepthwiseConv2dNativeBackpropInputAttrs;
  },
): TensorInfo {
  const { dy, filter } = args.inputs;
  const { strides, pad, dilations, dimRoundingMode, inputShape } = args.attrs;
  const filterShape = filter.shape as [number, number, number, number];
  const info = backend_util.computeConv2DInfo(inputShape, filterShape, strides, dilations, pad, dimRoundingMode, true);
  const g = toConvGeometry(info);
  const [filterHeight, filterWidth, channels, multiplier] = filterShape;
  const outChannels = channels * multiplier;
  const composer = new KernelComposer(args.backend, backendName);
  try {
    let dilated = dy;
    let dilatedHeight = g.outHeight;
    let dilatedWidth = g.outWidth;
    if (g.strideHeight > 1 || g.strideWidth > 1) {
      // [N, OH, 1, OW, 1, CM] padded to [N, OH, sh, OW, sw, CM] puts each dy value at
      // (oh*sh, ow*sw) with zeros between; the trailing (s - 1) zeros are trimmed below.
      const spread = composer.reshape(dy, [g.batch, g.outHeight, 1, g.outWidth, 1, outChannels]);
      const zeros = composer.run(
        'PadV2',
        { x: spread },
        {
          paddings: [
            [0, 0],
            [0, 0],
            [0, g.strideHeight - 1],
            [0, 0],
            [0, g.strideWidth - 1],
            [0, 0],
          ],
          constantValue: 0,
        },
      );
      dilatedHeight = g.outHeight * g.strideHeight;
      dilatedWidth = g.outWidth * g.strideWidth;
      dilated = composer.reshape(zeros, [g.batch, dilatedHeight, dilatedWidth, outChannels]);
    }
    // Output row r reads dilated rows r + pad - (k-1) .. r + pad: pad before by k-1-pad and
    // after so that exactly inHeight + k - 1 rows remain (negative: crop).
    const before = [filterHeight - 1 - g.padTop, filterWidth - 1 - g.padLeft];
    const after = [
      g.inHeight + filterHeight - 1 - before[0] - dilatedHeight,
      g.inWidth + filterWidth - 1 - before[1] - dilatedWidth,
    ];
    const padded = padOrCrop(composer, dilated, [dilatedHeight, dilatedWidth], before, after);
    const reversed = composer.run('Reverse', { x: filter }, { dims: [0, 1] });
    const perOutputChannel = composer.reshape(reversed, [filterHeight, filterWidth, outChannels, 1]);
    const convolved = composer.run(
      'DepthwiseConv2dNative',
      { x: padded, filter: perOutputChannel },
      {
        strides: [1, 1],
        pad: 'valid',
        dilations: [1, 1],
      },
    );
    if (multiplier === 1) return composer.keep(convolved);
    const grouped = composer.reshape(convolved, [g.batch, g.inHeight, g.inWidth, channels, multiplier]);
    return composer.keep(composer.run('Sum', { x: grouped }, { axis: [4], keepDims: false }));
  } finally {
    composer.disposeIntermediates();
  }
}

/** Pads (positive amounts) and crops (negative amounts) the two spatial axes of an NHWC tensor. */
function padOrCrop(
  composer: KernelComposer,
  x: TensorInfo,
  size: [number, number],
  before: number[],
  after: number[],
): TensorInfo {
  let result = x;
  if (before.some((p) => p < 0) || after.some((p) => p < 0)) {
    const begin = [0, Math.max(0, -before[0]), Math.max(0, -before[1]), 0];
    const cropSize = [-1, size[0] - begin[1] - Math.max(0, -after[0]), size[1] - begin[2] - Math.max(0, -after[1]), -1];
    result = composer.run('Slice', { x: result }, { begin, size: cropSize });
  }
  const padding = [
    [0, 0],
    [Math.max(0, before[0]), Math.max(0, after[0])],
    [Math.max(0, before[1]), Math.max(0, after[1])],
    [0, 0],
  ];
  if (padding.some(([b, a]) => b + a > 0))
    result = composer.run('PadV2', { x: result }, { paddings: padding, constantValue: 0 });
  return result;
}

/** Registers `depthwiseConv2dBackpropInputComposed` as `DepthwiseConv2dNativeBackpropInput` for `backendName`. */
export function depthwiseConv2dBackpropInputConfig(backendName: string): KernelConfig {
  return {
    kernelName: DepthwiseConv2dNativeBackpropInput,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) =>
      depthwiseConv2dBackpropInputComposed(backendName, {
        inputs: { dy: requireInput(inputs, 'dy'), filter: requireInput(inputs, 'filter') },
        backend: backend as ComposableBackend,
        // The kernel registry is untyped; these are the attributes tfjs-core's op passes.
        attrs: attrs as unknown as DepthwiseConv2dNativeBackpropInputAttrs,
      }),
  };
}
