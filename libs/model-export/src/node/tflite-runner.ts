import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createTfliteRunner, type TfliteRunner, type TfliteWasmModule } from '../tflite-web-runner';

export type { TfliteRunner } from '../tflite-web-runner';

let modulePromise: Promise<TfliteWasmModule> | undefined;

/**
 * Loads the TFLite web interpreter (tfjs-tflite's single-threaded SIMD wasm build, which runs in
 * Node) once per process: its Emscripten factory with the wasm bytes read from the package.
 */
function tfliteModule(): Promise<TfliteWasmModule> {
  if (modulePromise === undefined) {
    const requireHere = createRequire(__filename);
    const wasmDir = join(dirname(requireHere.resolve('@tensorflow/tfjs-tflite/package.json')), 'wasm');
    const factory = requireHere(join(wasmDir, 'tflite_web_api_cc_simd.js')) as (
      options: object,
    ) => Promise<TfliteWasmModule>;
    modulePromise = factory({
      wasmBinary: readFileSync(join(wasmDir, 'tflite_web_api_cc_simd.wasm')),
      // The interpreter announces its XNNPACK delegate on stderr: keep the process quiet.
      printErr: () => undefined,
    });
  }
  return modulePromise;
}

/**
 * Loads TFLite flatbuffer bytes into the interpreter (one thread, XNNPACK as the interpreter
 * chooses). Throws the interpreter's own message when it refuses the model.
 *
 * @example
 * const runner = await loadTfliteRunner(readFileSync('model-int8.tflite'));
 * const probabilities = runner.run(image);
 */
export async function loadTfliteRunner(bytes: Uint8Array): Promise<TfliteRunner> {
  return createTfliteRunner(await tfliteModule(), bytes);
}
