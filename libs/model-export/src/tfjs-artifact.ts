import * as tf from '@tensorflow/tfjs-core';
import type { ModelSpec } from '@edgefl/protocol';
import { KERNEL_SIZE } from '@edgefl/models';
import { namedWeights } from './named-weight';
import { toFloat16Bits } from './float16';
import { quantizeUint8Affine } from './quantize-uint8-affine';
import type { TfjsPrecision } from './tfjs-precision';

/** A TF.js LayersModel artifact: the `model.json` object and its single weights shard. */
export interface TfjsArtifact {
  /**
   * `model.json`: `modelTopology` and `weightsManifest` (one group), nothing else: the optional
   * `format` / `generatedBy` fields of the format are informational and `tf.loadLayersModel`
   * does not read them.
   */
  modelJson: TfjsModelJson;
  /** The bytes of the shard `modelJson.weightsManifest[0].paths[0]`. */
  weightData: Uint8Array;
}

/** The parts of the tfjs `model.json` format this exporter writes. */
export interface TfjsModelJson {
  modelTopology: object;
  weightsManifest: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
}

/** File name of the weights shard the artifact's manifest points to. */
export const TFJS_WEIGHTS_FILE = 'weights.bin';

/**
 * Writes the TF.js LayersModel artifact of the separable CNN `spec` with weights `flat`: float32
 * as is, float16 as half-precision bits, uint8 as per-tensor affine bytes; the last two carry the
 * manifest `quantization` entry that `tf.loadLayersModel` dequantizes on load, so every variant
 * loads unchanged. A tensor is written quantized only when that makes the artifact smaller: one
 * of a few values, whose `quantization` entry in `model.json` is longer than the bytes it saves,
 * stays float32 (for the reference model 4 tensors of 9 to 16 values, 51 of 16,419 parameters). The topology is the same network as a compact Keras Sequential JSON (see
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
    const plain: tf.io.WeightsManifestEntry = { name: weight.name, shape: weight.shape, dtype: 'float32' };
    const float32 = new Uint8Array(weight.values.slice().buffer);
    let quantized: { entry: tf.io.WeightsManifestEntry; bytes: Uint8Array };
    switch (precision) {
      case 'float32':
        entries.push(plain);
        chunks.push(float32);
        continue;
      case 'float16':
        quantized = {
          entry: { ...plain, quantization: { dtype: 'float16' } },
          bytes: new Uint8Array(toFloat16Bits(weight.values).buffer),
        };
        break;
      case 'uint8': {
        const q = quantizeUint8Affine(weight.values);
        quantized = {
          entry: { ...plain, quantization: { dtype: 'uint8', min: q.min, scale: q.scale } },
          bytes: q.data,
        };
        break;
      }
      default: {
        const unknown: never = precision;
        throw new Error(`unknown tfjs precision ${String(unknown)}`);
      }
    }
    // A tensor so small that its quantization entry in model.json outweighs the bytes it saves
    // (the reference model's 3x3x1 depthwise kernel, its first 1x1 kernel, two biases) stays float32.
    const entryCost = JSON.stringify(quantized.entry).length - JSON.stringify(plain).length;
    const smaller = quantized.bytes.length + entryCost < float32.length;
    entries.push(smaller ? quantized.entry : plain);
    chunks.push(smaller ? quantized.bytes : float32);
  }
  const weightData = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    weightData.set(chunk, offset);
    offset += chunk.length;
  }
  return {
    modelJson: {
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
 * The Keras JSON of `buildModel(spec)` as a Sequential model, written out with only what differs
 * from the loader's defaults (Keras' and tfjs' alike): the layers that hold weights keep the names
 * of `buildModel` (hence its weight names, so the weights manifest matches either model); pooling
 * (2x2, stride 2: the defaults) and flatten layers carry no config, the kernel size is one number.
 * About 480 bytes where the functional model's own JSON is 4 KB: for a 16k-parameter model that
 * is 3% of the uint8 size.
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
          kernel_size: KERNEL_SIZE,
          padding: 'same',
          activation: 'relu',
          ...(block === 0 ? { batch_input_shape: [null, ...spec.inputShape] } : {}),
        },
      },
      { class_name: 'MaxPooling2D', config: {} },
    );
  });
  layers.push(
    { class_name: 'Flatten', config: {} },
    { class_name: 'Dense', config: { name: 'classifier', units: spec.classes, activation: 'softmax' } },
  );
  return { class_name: 'Sequential', config: { layers } };
}
