import * as ort from 'onnxruntime-web';
import { ONNX_INPUT_NAME, ONNX_OUTPUT_NAME } from './onnx-model';

/** An ONNX model exported by `exportOnnxModel`, loaded in onnxruntime-web (wasm). */
export interface OnnxClassifier {
  /** Class probabilities [batch, classes] of `images` ([batch, H, W, C] NHWC, row-major). */
  run(images: Float32Array, batch: number): Promise<Float32Array>;
  release(): Promise<void>;
}

/**
 * Loads ONNX bytes into an onnxruntime-web InferenceSession on the wasm execution provider, with
 * one thread unless `numThreads` says otherwise, and wraps it for [batch, H, W, C] images.
 *
 * @example
 * const classifier = await loadOnnxClassifier(bytes, [28, 28, 1]);
 * const probabilities = await classifier.run(images, 32);
 */
export async function loadOnnxClassifier(
  bytes: Uint8Array,
  imageShape: readonly number[],
  numThreads = 1,
): Promise<OnnxClassifier> {
  ort.env.wasm.numThreads = numThreads;
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  // onnxruntime-web checks `instanceof Float32Array` against its own realm's constructor, which
  // is not ours when it is loaded outside a sandbox (Jest): copy into its constructor then.
  const OrtFloat32Array = new ort.Tensor('float32', [0], [1]).data.constructor as Float32ArrayConstructor;
  const imageSize = imageShape.reduce((p, d) => p * d, 1);
  return {
    async run(images, batch) {
      if (images.length !== batch * imageSize)
        throw new Error(`images has ${images.length} values, expected ${batch} x ${imageSize}`);
      const data = images instanceof OrtFloat32Array ? images : new OrtFloat32Array(images);
      const feeds = { [ONNX_INPUT_NAME]: new ort.Tensor('float32', data, [batch, ...imageShape]) };
      const output = await session.run(feeds);
      return output[ONNX_OUTPUT_NAME].data as Float32Array;
    },
    release: () => session.release(),
  };
}
