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

/**
 * The parts of tfjs-tflite's Emscripten module (`tflite_web_api_cc_simd.js`, the factory
 * `tflite_web_api_ModuleFactory`) that {@link createTfliteRunner} uses. The same module in Node
 * (required from the package) and in a browser (a `<script>` tag).
 */
export interface TfliteWasmModule {
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

/**
 * Loads TFLite flatbuffer bytes into a started interpreter module (one thread, XNNPACK as the
 * interpreter chooses). Isomorphic: the caller starts the module its platform's way. Throws the
 * interpreter's own message when it refuses the model.
 *
 * @example
 * const module = await tflite_web_api_ModuleFactory({ locateFile: (file) => `/tflite/${file}` });
 * const runner = createTfliteRunner(module, bytes);
 * const probabilities = runner.run(image);
 */
export function createTfliteRunner(wasm: TfliteWasmModule, bytes: Uint8Array): TfliteRunner {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('bytes must be a Uint8Array');
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
