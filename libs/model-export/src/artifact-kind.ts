/** Every deployment artifact the exporter writes, as a tagged union of (format, precision). */
export type ArtifactKind =
  | { format: 'tfjs-layers'; precision: 'float32' | 'float16' | 'uint8' }
  | { format: 'onnx'; precision: 'float32' | 'int8' }
  | { format: 'tflite'; precision: 'float32' | 'int8' | 'full-int8' }
  | { format: 'sparse'; precision: 'float32' | 'int8' };

/** The artifacts in the order they are written and listed in deployment.json. */
export const ARTIFACT_KINDS: readonly ArtifactKind[] = [
  { format: 'tfjs-layers', precision: 'float32' },
  { format: 'tfjs-layers', precision: 'float16' },
  { format: 'tfjs-layers', precision: 'uint8' },
  { format: 'onnx', precision: 'float32' },
  { format: 'onnx', precision: 'int8' },
  { format: 'tflite', precision: 'float32' },
  { format: 'tflite', precision: 'int8' },
  { format: 'tflite', precision: 'full-int8' },
  { format: 'sparse', precision: 'float32' },
  { format: 'sparse', precision: 'int8' },
];

/**
 * The artifact's name, also its path inside the output directory: a folder for tfjs
 * (`tfjs-uint8/model.json`), a file otherwise (`model-int8.onnx`, `model.tflite`,
 * `model-sparse-int8.efls`).
 *
 * @example
 * artifactName({ format: 'onnx', precision: 'int8' }); // 'model-int8.onnx'
 */
export function artifactName(kind: ArtifactKind): string {
  const suffix = kind.precision === 'float32' ? '' : `-${kind.precision}`;
  switch (kind.format) {
    case 'tfjs-layers':
      return `tfjs-${kind.precision}`;
    case 'onnx':
      return `model${suffix}.onnx`;
    case 'tflite':
      return `model${suffix}.tflite`;
    case 'sparse':
      return `model-sparse${suffix}.efls`;
    default: {
      const unknown: never = kind;
      throw new Error(`unknown artifact kind ${JSON.stringify(unknown)}`);
    }
  }
}
