import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '@edgefl/datasets';
import { countCorrect } from '@edgefl/runtime';
import type { ArtifactKind } from '../artifact-kind';
import { artifactName } from '../artifact-kind';
import type { DeploymentArtifact } from '../deployment-manifest';
import { loadOnnxClassifier } from '../onnx-classifier';
import { loadTfjsFolder } from './tfjs-file-loader';
import { loadTfliteRunner } from './tflite-runner';
import { loadSparseModel } from '../load-sparse-model';

/** Batch size used to evaluate the tfjs and ONNX artifacts. */
const EVAL_BATCH = 256;

/**
 * Top-1 accuracy of the artifact written in `dir`, loaded from its files by its own runtime:
 * tfjs `loadLayersModel` for tfjs folders, `loadSparseModel` (tfjs) for `.efls` files, onnxruntime-web (wasm) for `.onnx`, the tfjs-tflite
 * interpreter (wasm, one image per call) for `.tflite`.
 *
 * @example
 * const { accuracy } = await artifactAccuracy(dir, { format: 'tflite', precision: 'int8' }, testSet);
 */
export async function artifactAccuracy(
  dir: string,
  kind: ArtifactKind,
  data: Dataset,
): Promise<{ accuracy: number; runtime: DeploymentArtifact['runtime'] }> {
  if (data.count === 0) throw new Error('data.count must be > 0 to evaluate an artifact');
  const path = join(dir, artifactName(kind));
  const imageSize = data.shape[0] * data.shape[1] * data.shape[2];
  let correct = 0;
  switch (kind.format) {
    case 'tfjs-layers':
    case 'sparse': {
      const model = kind.format === 'sparse' ? loadSparseModel(await readFile(path)) : await loadTfjsFolder(path);
      try {
        for (let start = 0; start < data.count; start += EVAL_BATCH) {
          const end = Math.min(start + EVAL_BATCH, data.count);
          const probabilities = tf.tidy(() => {
            const images = tf.tensor4d(data.images.subarray(start * imageSize, end * imageSize), [
              end - start,
              ...data.shape,
            ]);
            return (model.predict(images) as tf.Tensor).dataSync() as Float32Array;
          });
          correct += countCorrect(probabilities, data.labels.subarray(start, end), data.classes);
        }
      } finally {
        model.dispose();
      }
      return { accuracy: correct / data.count, runtime: kind.format === 'sparse' ? 'tfjs (loadSparseModel)' : 'tfjs' };
    }
    case 'onnx': {
      const classifier = await loadOnnxClassifier(await readFile(path), data.shape);
      try {
        for (let start = 0; start < data.count; start += EVAL_BATCH) {
          const end = Math.min(start + EVAL_BATCH, data.count);
          const probabilities = await classifier.run(
            data.images.subarray(start * imageSize, end * imageSize),
            end - start,
          );
          correct += countCorrect(probabilities, data.labels.subarray(start, end), data.classes);
        }
      } finally {
        await classifier.release();
      }
      return { accuracy: correct / data.count, runtime: 'onnxruntime-web (wasm)' };
    }
    case 'tflite': {
      const runner = await loadTfliteRunner(await readFile(path));
      try {
        for (let i = 0; i < data.count; i++) {
          const probabilities = runner.run(data.images.subarray(i * imageSize, (i + 1) * imageSize));
          correct += countCorrect(probabilities, data.labels.subarray(i, i + 1), data.classes);
        }
      } finally {
        runner.dispose();
      }
      return { accuracy: correct / data.count, runtime: 'tflite (tfjs-tflite wasm)' };
    }
    default: {
      const unknown: never = kind;
      throw new Error(`unknown artifact kind ${JSON.stringify(unknown)}`);
    }
  }
}
