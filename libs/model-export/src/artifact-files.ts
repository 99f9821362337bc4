import type { ModelSpec } from '@edgefl/protocol';
import { artifactName, type ArtifactKind } from './artifact-kind';
import { exportOnnxModel } from './onnx-model';
import { exportTfjsArtifact, TFJS_WEIGHTS_FILE, tfjsModelJsonText } from './tfjs-artifact';
import { exportTfliteModel } from './tflite-model';
import type { ActivationRanges } from './calibrate-activations';
import { exportTfliteFullInt8Model } from './tflite-full-int8-model';
import { encodeSparseArtifact } from './encode-sparse-artifact';

/** One file of an artifact, its path relative to the output directory. */
export interface ArtifactFile {
  path: string;
  bytes: Uint8Array;
}

/**
 * The files of one artifact of the model `(spec, flat)`: `model.json` and its shard for tfjs,
 * one `.onnx`, `.tflite` or `.efls` file otherwise; the full-int8 TFLite file needs the activation
 * `ranges` of `calibrateActivations`. Pure: writing them is the caller's business.
 *
 * @example
 * const files = await artifactFiles(spec, flat, { format: 'tflite', precision: 'int8' });
 * files[0].path; // 'model-int8.tflite'
 */
export async function artifactFiles(
  spec: ModelSpec,
  flat: Float32Array,
  kind: ArtifactKind,
  ranges?: ActivationRanges,
): Promise<ArtifactFile[]> {
  const name = artifactName(kind);
  switch (kind.format) {
    case 'tfjs-layers': {
      const artifact = await exportTfjsArtifact(spec, flat, kind.precision);
      return [
        { path: `${name}/model.json`, bytes: new TextEncoder().encode(tfjsModelJsonText(artifact)) },
        { path: `${name}/${TFJS_WEIGHTS_FILE}`, bytes: artifact.weightData },
      ];
    }
    case 'onnx':
      return [{ path: name, bytes: exportOnnxModel(spec, flat, kind.precision) }];
    case 'tflite':
      if (kind.precision !== 'full-int8') return [{ path: name, bytes: exportTfliteModel(spec, flat, kind.precision) }];
      if (!ranges) throw new Error('the full-int8 TFLite artifact needs activation ranges (calibrateActivations)');
      return [{ path: name, bytes: exportTfliteFullInt8Model(spec, flat, ranges) }];
    case 'sparse':
      return [{ path: name, bytes: encodeSparseArtifact(spec, flat, kind.precision) }];
    default: {
      const unknown: never = kind;
      throw new Error(`unknown artifact kind ${JSON.stringify(unknown)}`);
    }
  }
}
