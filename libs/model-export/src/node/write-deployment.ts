import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ModelSpec } from '@edgefl/protocol';
import type { Dataset } from '@edgefl/datasets';
import { countParameters } from '@edgefl/models';
import { artifactFiles } from '../artifact-files';
import { calibrateActivations } from '../calibrate-activations';
import { ARTIFACT_KINDS, artifactName } from '../artifact-kind';
import type { DeploymentArtifact, DeploymentManifest } from '../deployment-manifest';
import { artifactAccuracy } from './artifact-accuracy';

/** Options of `writeDeployment`. */
export interface WriteDeploymentOptions {
  spec: ModelSpec;
  weights: Float32Array;
  /** Held-out images every artifact is scored on (after writing, from its files). */
  testSet: Dataset;
  /** Name of the test set in deployment.json, e.g. 'fashion-mnist t10k'. */
  testSetName: string;
  modelVersion?: number;
  round?: number;
  /** Representative images for the full-int8 calibration; default: the first 256 of `testSet`. */
  calibration?: Dataset;
}

/** Images the full-int8 TFLite model is calibrated on when no calibration set is given. */
export const DEFAULT_CALIBRATION_COUNT = 256;

/** Name of the manifest file written next to the artifacts. */
export const DEPLOYMENT_FILE = 'deployment.json';

/**
 * Writes every deployment artifact of `(spec, weights)` into `dir` (created if missing): TF.js
 * folders `tfjs-float32/`, `tfjs-float16/`, `tfjs-uint8/`, `model.onnx`, `model-int8.onnx`,
 * `model.tflite`, `model-int8.tflite`, `model-full-int8.tflite` (calibrated on `calibration`, by
 * default the first 256 test images), the sparse weights files `model-sparse.efls` and
 * `model-sparse-int8.efls` (bitmap + kept values, for pruned models; `loadSparseModel`), then loads each back in its runtime, scores it on
 * `testSet` and writes `deployment.json` with sizes (raw and gzipped) and accuracies.
 *
 * @example
 * const manifest = await writeDeployment('runs/demo/model', { spec, weights, testSet, testSetName: 'procedural' });
 */
export async function writeDeployment(dir: string, options: WriteDeploymentOptions): Promise<DeploymentManifest> {
  if (typeof dir !== 'string' || dir === '') throw new TypeError('dir must be a non-empty path');
  const { spec, weights, testSet } = options;
  await mkdir(dir, { recursive: true });
  const calibration = options.calibration ?? testSet;
  const calibrationCount = options.calibration ? calibration.count : Math.min(DEFAULT_CALIBRATION_COUNT, testSet.count);
  const imageSize = calibration.shape[0] * calibration.shape[1] * calibration.shape[2];
  const ranges = calibrateActivations(
    spec,
    weights,
    calibration.images.subarray(0, calibrationCount * imageSize),
    calibrationCount,
  );
  const artifacts: DeploymentArtifact[] = [];
  for (const kind of ARTIFACT_KINDS) {
    const files = await artifactFiles(spec, weights, kind, ranges);
    let bytes = 0;
    let gzipBytes = 0;
    for (const file of files) {
      const path = join(dir, file.path);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.bytes);
      bytes += file.bytes.length;
      gzipBytes += gzipSync(file.bytes, { level: 9 }).length;
    }
    const { accuracy, runtime } = await artifactAccuracy(dir, kind, testSet);
    artifacts.push({
      ...kind,
      name: artifactName(kind),
      files: files.map((f) => f.path),
      bytes,
      gzipBytes,
      bytesRatio: 0,
      accuracy,
      runtime,
    });
  }
  const baseline = artifacts[0].bytes;
  for (const artifact of artifacts) artifact.bytesRatio = artifact.bytes / baseline;
  const manifest: DeploymentManifest = {
    format: 'edgefl-deployment',
    formatVersion: 1,
    model: {
      spec,
      parameters: countParameters(spec),
      ...(options.modelVersion !== undefined ? { modelVersion: options.modelVersion } : {}),
      ...(options.round !== undefined ? { round: options.round } : {}),
    },
    testSet: { count: testSet.count, name: options.testSetName },
    artifacts,
  };
  await writeFile(join(dir, DEPLOYMENT_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
