import type { ModelSpec } from '@edgefl/protocol';
import type { ArtifactKind } from './artifact-kind';

/** One artifact as `deployment.json` records it. */
export type DeploymentArtifact = ArtifactKind & {
  /** Path of the artifact inside the output directory (a folder for tfjs). */
  name: string;
  /** Its files, relative to the output directory. */
  files: string[];
  /** Sum of the files' sizes. */
  bytes: number;
  /** Sum of the files' sizes after gzip -9. */
  gzipBytes: number;
  /** bytes / bytes of tfjs float32, in the same manifest. */
  bytesRatio: number;
  /** Top-1 accuracy on the test set, computed by loading the written files in `runtime`. */
  accuracy: number;
  /** The runtime that produced `accuracy`. */
  runtime: 'tfjs' | 'onnxruntime-web (wasm)' | 'tflite (tfjs-tflite wasm)' | 'tfjs (loadSparseModel)';
};

/**
 * `deployment.json`: what was exported, from which model version, and what each artifact weighs
 * and scores. Latency figures are measured by `npm run bench:infer` (see docs/BENCHMARKS.md).
 *
 * @example
 * const manifest = JSON.parse(readFileSync('model/deployment.json', 'utf8')) as DeploymentManifest;
 */
export interface DeploymentManifest {
  format: 'edgefl-deployment';
  formatVersion: 1;
  model: {
    spec: ModelSpec;
    parameters: number;
    /** Committed model version the weights come from, when known. */
    modelVersion?: number;
    /** Round that committed it, when known. */
    round?: number;
  };
  testSet: { count: number; name: string };
  artifacts: DeploymentArtifact[];
}
