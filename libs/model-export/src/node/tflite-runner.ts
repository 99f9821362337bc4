import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A TFLite model loaded in the interpreter that `@tensorflow/tfjs-tflite` ships as wasm. */
export interface TfliteRunner {
  /** Shape of the input tensor, e.g. [1, 28, 28, 1]. */
  inputShape: number[];
  /** Runs one call on `input` (exactly the input tensor's size) and returns a copy of the output. */
  run(input: Float32Array): Float32Array;
  dispose(): void;
}

interface TensorInfo {
  data(): Float32Array;
  shape: string | number[];
}
interface Vector<T> {
  size(): number;
  get(index: number): T;
  delete(): void;
}
interface ModelRunner {
  GetInputs(): Vector<TensorInfo>;
  GetOutputs(): Vector<TensorInfo>;
  Infer(): boolean;
  delete(): void;
}
interface TfliteModule {
  _malloc(size: number): number;
  _free(pointer: number): void;
  HEAPU8: Uint8Array;
  TFLiteWebModelRunner: {
    CreateFromBufferAndOptions(
      pointer: number,
      size: number,
      options: { numThreads: number; enableProfiling: boolean; maxProfilingBufferEntries: number },
    ): { ok(): boolean; errorMessage(): string; value(): ModelRunner };
  };
}

let modulePromise: Promise<TfliteModule> | undefined;

/**
 * Loads the TFLite web interpreter (tfjs-tflite's single-threaded SIMD wasm build, which runs in
 * Node) once per process: its Emscripten factory with the wasm bytes read from the package.
 */
function tfliteModule(): Promise<TfliteModule> {
  if (modulePromise === undefined) {
    const requireHere = createRequire(__filename);
    const wasmDir = join(dirname(requireHere.resolve('@tensorflow/tfjs-tflite/package.json')), 'wasm');
    const factory = requireHere(join(wasmDir, 'tflite_web_api_cc_simd.js')) as (
      options: object,
    ) => Promise<TfliteModule>;
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
  const wasm = await tfliteModule();
  const pointer = wasm._malloc(bytes.length);
  wasm.HEAPU8.set(bytes, pointer);
  const status = wasm.TFLiteWebModelRunner.CreateFromBufferAndOptions(pointer, bytes.length, {
    numThreads: 1,
    enableProfiling: false,
    maxProfilingBufferEntries: 1024,
  });
  if (!status.ok()) {
    wasm._free(pointer);
    throw new Error(`TFLite interpreter refused the model: ${status.errorMessage()}`);
  }
  const runner = status.value();
  const inputs = runner.GetInputs();
  const outputs = runner.GetOutputs();
  const input = inputs.get(0);
  const output = outputs.get(0);
  const inputShape = String(input.shape).split(',').map(Number);
  const inputSize = inputShape.reduce((p, d) => p * d, 1);
  return {
    inputShape,
    run(values) {
      if (values.length !== inputSize)
        throw new Error(`input has ${values.length} values, the model takes ${inputSize}`);
      input.data().set(values);
      if (!runner.Infer()) throw new Error('TFLite inference failed');
      return Float32Array.from(output.data());
    },
    dispose() {
      inputs.delete();
      outputs.delete();
      runner.delete();
      wasm._free(pointer);
    },
  };
}
