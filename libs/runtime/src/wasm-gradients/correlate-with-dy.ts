import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { ConvGeometry } from './conv-geometry';
import type { KernelComposer } from './kernel-composer';

/**
 * Pads x [N, H, W, C] as the forward convolution did and moves the batch axis next to the
 * channels: returns [Hp, Wp, N, C] for `batchNextToChannels`, or [C, Hp, Wp, N] otherwise.
 * Filter gradients are correlations of this padded input with dy over (N, OH, OW); with the
 * batch folded into the channel axis, one forward convolution computes them.
 */
export function paddedInputForCorrelation(
  composer: KernelComposer,
  x: TensorInfo,
  g: ConvGeometry,
  layout: 'spatial-batch-channels' | 'channels-spatial-batch',
): TensorInfo {
  const padded =
    g.padTop + g.padBottom + g.padLeft + g.padRight === 0
      ? x
      : composer.run('PadV2', { x }, {
          paddings: [[0, 0], [g.padTop, g.padBottom], [g.padLeft, g.padRight], [0, 0]],
          constantValue: 0,
        });
  const perm = layout === 'spatial-batch-channels' ? [1, 2, 0, 3] : [3, 1, 2, 0];
  return composer.run('Transpose', { x: padded }, { perm });
}

/** dy [N, OH, OW, K] as a convolution filter [OH, OW, N, K]. */
export function dyAsFilter(composer: KernelComposer, dy: TensorInfo): TensorInfo {
  return composer.run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
}

/**
 * Trims a correlation result [B, rows, cols, K] to the filter's spatial size: when the stride
 * left input rows or columns unused, the correlation is larger than the filter.
 */
export function cropToFilter(
  composer: KernelComposer,
  correlation: TensorInfo,
  filterHeight: number,
  filterWidth: number,
): TensorInfo {
  const [batch, rows, cols, depth] = correlation.shape;
  if (rows === filterHeight && cols === filterWidth) return correlation;
  return composer.run('Slice', { x: correlation }, { begin: [0, 0, 0, 0], size: [batch, filterHeight, filterWidth, depth] });
}
