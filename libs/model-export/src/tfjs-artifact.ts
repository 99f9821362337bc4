import * as tf from '@tensorflow/tfjs-core';
import type { ModelSpec } from '@edgefl/protocol';
import { buildModel } from '@edgefl/models';
import { namedWeights } from './named-weight';
import { toFloat16Bits } from './float16';
import { quantizeUint8Affine } from './quantize-uint8-affine';
import type { TfjsPrecision } from './tfjs-precision';

/** A TF.js LayersModel artifact: the `model.json` object and its single weights shard. */
export interface TfjsArtifact {
  /** `model.json`: `modelTopology`, `format`, `generatedBy`, `weightsManifest` (one group). */
  modelJson: TfjsModelJson;
  /** The bytes of the shard `modelJson.weightsManifest[0].paths[0]`. */
  weightData: Uint8Array;
}

/** The parts of the tfjs `model.json` format this exporter writes. */
export interface TfjsModelJson {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: null;
  modelTopology: object;
  weightsManifest: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
}

/** File name of the weights shard the artifact's manifest points to. */
export const TFJS_WEIGHTS_FILE = 'group1-shard1of1.bin';

/**
 * Writes the TF.js LayersModel artifact of the separable CNN `spec` with weights `flat`: float32
 * as is, float16 as half-precision bits, uint8 as per-tensor affine bytes; the last two carry the
 * manifest `quantization` entry that `tf.loadLayersModel` dequantizes on load, so every variant
 * loads unchanged. The topology is the model's own Keras JSON with null fields and initializers
 * dropped (the loader falls back to defaults; the weights overwrite any initial value).
 *
 * @example
 * const { modelJson, weightData } = await exportTfjsArtifact(spec, flat, 'uint8');
 * const model = await tfl.loadLayersModel(tf.io.fromMemory({ ...modelJson, weightSpecs: modelJson.weightsManifest[0].weights, weightData: weightData.buffer }));
 */
export async function exportTfjsArtifact(spec: ModelSpec, flat: Float32Array, precision: TfjsPrecision): Promise<TfjsArtifact> {
  const weights = namedWeights(spec, flat);
  const model = buildModel(spec, 0);
  let topology: object;
  try {
    topology = compactTopology(model.toJSON(null, false) as object);
  } finally {
    model.dispose();
  }
  const entries: tf.io.WeightsManifestEntry[] = [];
  const chunks: Uint8Array[] = [];
  for (const weight of weights) {
    switch (precision) {
      case 'float32':
        entries.push({ name: weight.name, shape: weight.shape, dtype: 'float32' });
        chunks.push(new Uint8Array(weight.values.slice().buffer));
        break;
      case 'float16':
        entries.push({ name: weight.name, shape: weight.shape, dtype: 'float32', quantization: { dtype: 'float16' } });
        chunks.push(new Uint8Array(toFloat16Bits(weight.values).buffer));
        break;
      case 'uint8': {
        const q = quantizeUint8Affine(weight.values);
        entries.push({ name: weight.name, shape: weight.shape, dtype: 'float32', quantization: { dtype: 'uint8', min: q.min, scale: q.scale } });
        chunks.push(q.data);
        break;
      }
      default: {
        const unknown: never = precision;
        throw new Error(`unknown tfjs precision ${String(unknown)}`);
      }
    }
  }
  const weightData = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    weightData.set(chunk, offset);
    offset += chunk.length;
  }
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy: 'EdgeFL model-export',
      convertedBy: null,
      modelTopology: topology,
      weightsManifest: [{ paths: [TFJS_WEIGHTS_FILE], weights: entries }],
    },
    weightData,
  };
}

/** The `model.json` text of an artifact, compact (no whitespace). */
export function tfjsModelJsonText(artifact: TfjsArtifact): string {
  return JSON.stringify(artifact.modelJson);
}

const DROPPED_KEYS = new Set([
  'depthwise_initializer',
  'pointwise_initializer',
  'kernel_initializer',
  'bias_initializer',
  'keras_version',
  'backend',
]);

/** Layer config fields dropped when they hold the loader's default. */
const DEFAULTS: Record<string, unknown> = {
  trainable: true,
  data_format: 'channels_last',
  dilation_rate: [1, 1],
  strides: [1, 1],
  use_bias: true,
  sparse: false,
  dtype: 'float32',
  padding: 'valid',
};

function compactTopology(value: object): object {
  return JSON.parse(
    JSON.stringify(value, (key, field: unknown) => {
      if (field === null || DROPPED_KEYS.has(key)) return undefined;
      if (key in DEFAULTS && JSON.stringify(DEFAULTS[key]) === JSON.stringify(field)) return undefined;
      return field;
    }),
  ) as object;
}
