export type { NamedWeight } from './named-weight';
export { namedWeights } from './named-weight';
export { toFloat16Bits } from './float16';
export type { Uint8Affine } from './quantize-uint8-affine';
export { quantizeUint8Affine } from './quantize-uint8-affine';
export type { Int8PerChannel } from './quantize-int8-per-channel';
export { quantizeInt8PerChannel } from './quantize-int8-per-channel';
export type { TfjsPrecision } from './tfjs-precision';
export { TFJS_PRECISIONS } from './tfjs-precision';
export type { TfjsArtifact, TfjsModelJson } from './tfjs-artifact';
export { exportTfjsArtifact, tfjsModelJsonText, TFJS_WEIGHTS_FILE } from './tfjs-artifact';
export type { OnnxPrecision } from './onnx-precision';
export { exportOnnxModel, ONNX_OPSET, ONNX_INPUT_NAME, ONNX_OUTPUT_NAME } from './onnx-model';
export type { OnnxClassifier } from './onnx-classifier';
export { loadOnnxClassifier } from './onnx-classifier';
export type { TflitePrecision } from './tflite-precision';
export type { TfliteExportOptions } from './tflite-model';
export { exportTfliteModel } from './tflite-model';
export type { ArtifactKind } from './artifact-kind';
export { ARTIFACT_KINDS, artifactName } from './artifact-kind';
export type { ArtifactFile } from './artifact-files';
export { artifactFiles } from './artifact-files';
export type { DeploymentArtifact, DeploymentManifest } from './deployment-manifest';
export type { ActivationRange, ActivationRanges } from './calibrate-activations';
export { calibrateActivations } from './calibrate-activations';
export { exportTfliteFullInt8Model } from './tflite-full-int8-model';
export type { TfliteRunner, TfliteWasmModule } from './tflite-web-runner';
export type { SparsePrecision } from './sparse-artifact-format';
export {
  SPARSE_ARTIFACT_MAGIC,
  SPARSE_ARTIFACT_VERSION,
  SparseArtifactError,
  sparseQuantizationAxis,
} from './sparse-artifact-format';
export { encodeSparseArtifact } from './encode-sparse-artifact';
export type { SparseArtifact } from './decode-sparse-artifact';
export { decodeSparseArtifact } from './decode-sparse-artifact';
export { loadSparseModel } from './load-sparse-model';
export { createTfliteRunner } from './tflite-web-runner';
