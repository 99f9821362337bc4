import * as tf from '@tensorflow/tfjs-core';
import { buildModel, countParameters } from '@edgefl/models';
import type { ModelSpec } from '@edgefl/protocol';

/**
 * What every version of the global model shares in the TF.js LayersModel format: the topology
 * (tfjs-layers' own `model.toJSON`, as `model.save` writes it) and the weight specs, in
 * `model.getWeights()` order, which is the order of the flat weight vector.
 */
export interface LayersModelTemplate {
  format: string;
  generatedBy: string;
  modelTopology: object;
  weightSpecs: tf.io.WeightsManifestEntry[];
  parameterCount: number;
}

/**
 * Builds the model of `spec` once and captures what tfjs-layers' own `save` writes for it.
 *
 * @example
 * const template = await createLayersModelTemplate(DEFAULT_MODEL_SPEC);
 * template.weightSpecs[0]; // { name: 'block0_sepconv/depthwise_kernel', shape: [3, 3, 1, 1], dtype: 'float32' }
 */
export async function createLayersModelTemplate(spec: ModelSpec): Promise<LayersModelTemplate> {
  const model = buildModel(spec, 0);
  let captured: tf.io.ModelArtifacts | undefined;
  try {
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        captured = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
      }),
    );
  } finally {
    model.dispose();
  }
  if (!captured?.modelTopology || !captured.weightSpecs)
    throw new Error('tfjs-layers saved no topology or weight specs');
  const parameterCount = captured.weightSpecs.reduce(
    (sum, weight) => sum + weight.shape.reduce((size, dim) => size * dim, 1),
    0,
  );
  if (parameterCount !== countParameters(spec))
    throw new Error(`the saved model has ${parameterCount} parameters, the spec ${countParameters(spec)}`);
  if (captured.weightSpecs.some((weight) => weight.dtype !== 'float32'))
    throw new Error('every weight of the model must be float32');
  return {
    format: captured.format ?? 'layers-model',
    generatedBy: captured.generatedBy ?? 'TensorFlow.js tfjs-layers',
    modelTopology: captured.modelTopology as object,
    weightSpecs: captured.weightSpecs,
    parameterCount,
  };
}
