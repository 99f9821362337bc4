/**
 * Where the artifact page finds its parts, on the origin of `serveArtifactPage`: the bundled
 * script, the wasm runtimes (each from its installed package), and the caller's files (artifacts
 * and test data).
 */
export const ARTIFACT_PAGE_ROUTES = {
  page: '/',
  script: '/harness.js',
  tfjsWasm: '/tfjs-wasm/',
  ort: '/ort/',
  tflite: '/tflite/',
  files: '/files/',
} as const;
