import * as tfl from '@tensorflow/tfjs-layers';
import { DEFAULT_MODEL_SPEC, type ModelSpec } from '@edgefl/protocol';
import { deriveSeed } from '@edgefl/random';
import { assertModelSpec } from './assert-model-spec';
import { KERNEL_SIZE } from './weight-shapes';

/** Seed used when the caller gives none, so that two default builds start from the same weights. */
export const DEFAULT_MODEL_SEED = 0;

/**
 * Builds the separable CNN a `ModelSpec` describes: input -> per width [separableConv2d(width,
 * 3x3, same, relu) -> maxPool 2x2] -> flatten -> dense(classes, softmax). The model is not
 * compiled: training code picks its optimizer. Initial weights are a pure function of
 * `(spec, seed)` (Glorot-uniform kernels seeded per weight, zero biases), so every backend
 * and every process builds the same model for the same seed.
 *
 * @example
 * const model = buildModel(DEFAULT_MODEL_SPEC, 42);
 * model.countParams(); // 16419
 */
export function buildModel(spec: ModelSpec = DEFAULT_MODEL_SPEC, seed: number = DEFAULT_MODEL_SEED): tfl.LayersModel {
  assertModelSpec(spec);
  if (!Number.isFinite(seed)) throw new Error(`seed must be a finite number, got ${seed}`);
  const glorot = (...parts: Array<string | number>) =>
    tfl.initializers.glorotUniform({ seed: deriveSeed(seed, ...parts) });

  const input = tfl.input({ shape: [...spec.inputShape] });
  let x = input as tfl.SymbolicTensor;
  spec.widths.forEach((filters, block) => {
    const conv = tfl.layers.separableConv2d({
      filters,
      kernelSize: KERNEL_SIZE,
      padding: 'same',
      activation: 'relu',
      depthwiseInitializer: glorot('block', block, 'depthwise'),
      pointwiseInitializer: glorot('block', block, 'pointwise'),
      biasInitializer: 'zeros',
      name: `block${block}_sepconv`,
    });
    const pool = tfl.layers.maxPooling2d({ poolSize: 2, strides: 2, name: `block${block}_pool` });
    x = pool.apply(conv.apply(x)) as tfl.SymbolicTensor;
  });
  x = tfl.layers.flatten({ name: 'flatten' }).apply(x) as tfl.SymbolicTensor;
  const output = tfl.layers
    .dense({
      units: spec.classes,
      activation: 'softmax',
      kernelInitializer: glorot('dense'),
      biasInitializer: 'zeros',
      name: 'classifier',
    })
    .apply(x) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: output, name: 'separable_cnn' });
}
