import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { ConvGeometry } from './conv-geometry';
import type { KernelComposer } from './kernel-composer';

/**
 * Moves the batch axis of x [N, H, W, C] next to the channels: [H, W, N, C] for
 * 'spatial-batch-channels', [C, H, W, N] for 'channels-spatial-batch'. Filter gradients are
 * correlations of the (padded) input with dy over (N, OH, OW); with the batch folded into the
 * channel axis, one forward convolution computes them.
 */
export function inputForCorrelation(
  composer: KernelComposer,
  x: TensorInfo,
  layout: 'spatial-batch-channels' | 'channels-spatial-batch',
): TensorInfo {
  const perm = layout === 'spatial-batch-channels' ? [1, 2, 0, 3] : [3, 1, 2, 0];
  return composer.run('Transpose', { x }, { perm });
}

/**
 * The forward convolution's padding, as the explicit padding of the correlation: the
 * convolution pads while it reads, so no padded copy of the input is made.
 */
export function correlationPadding(g: ConvGeometry): number[][] {
  return [
    [0, 0],
    [g.padTop, g.padBottom],
    [g.padLeft, g.padRight],
    [0, 0],
  ];
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
  return composer.run(
    'Slice',
    { x: correlation },
    { begin: [0, 0, 0, 0], size: [batch, filterHeight, filterWidth, depth] },
  );
}
