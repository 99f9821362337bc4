import * as tf from '@tensorflow/tfjs-core';
import type { ModelSpec } from '@edgefl/protocol';
import { KERNEL_SIZE } from '@edgefl/models';
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
  modelTopology: object;
  weightsManifest: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
}

/** File name of the weights shard the artifact's manifest points to. */
export const TFJS_WEIGHTS_FILE = 'group1-shard1of1.bin';

/**
 * Writes the TF.js LayersModel artifact of the separable CNN `spec` with weights `flat`: float32
 * as is, float16 as half-precision bits, uint8 as per-tensor affine bytes; the last two carry the
 * manifest `quantization` entry that `tf.loadLayersModel` dequantizes on load, so every variant
 * loads unchanged. The topology is the same network as a compact Keras Sequential JSON (see
 * `sequentialTopology`).
 *
 * @example
 * const { modelJson, weightData } = await exportTfjsArtifact(spec, flat, 'uint8');
 * const model = await tfl.loadLayersModel(tf.io.fromMemory({ ...modelJson, weightSpecs: modelJson.weightsManifest[0].weights, weightData: weightData.buffer }));
 */
export async function exportTfjsArtifact(
  spec: ModelSpec,
  flat: Float32Array,
  precision: TfjsPrecision,
): Promise<TfjsArtifact> {
  const weights = namedWeights(spec, flat);
  const topology = sequentialTopology(spec);
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
        entries.push({
          name: weight.name,
          shape: weight.shape,
          dtype: 'float32',
          quantization: { dtype: 'uint8', min: q.min, scale: q.scale },
        });
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

/**
 * The Keras JSON of `buildModel(spec)` as a Sequential model, written out with only the fields
 * that differ from the loader's defaults: layer names (hence weight names) are those of
 * `buildModel`, so the weights manifest matches either model. About 600 bytes where the
 * functional model's own JSON is 4 KB: for a 16k-parameter model that is 5% of the uint8 size.
 */
function sequentialTopology(spec: ModelSpec): object {
  const layers: object[] = [];
  spec.widths.forEach((filters, block) => {
    layers.push(
      {
        class_name: 'SeparableConv2D',
        config: {
          name: `block${block}_sepconv`,
          filters,
          kernel_size: [KERNEL_SIZE, KERNEL_SIZE],
          padding: 'same',
          activation: 'relu',
          ...(block === 0 ? { batch_input_shape: [null, ...spec.inputShape] } : {}),
        },
      },
      { class_name: 'MaxPooling2D', config: { name: `block${block}_pool`, pool_size: [2, 2], strides: [2, 2] } },
    );
  });
  layers.push(
    { class_name: 'Flatten', config: { name: 'flatten' } },
    { class_name: 'Dense', config: { name: 'classifier', units: spec.classes, activation: 'softmax' } },
  );
  return { class_name: 'Sequential', config: { name: 'separable_cnn', layers } };
}
