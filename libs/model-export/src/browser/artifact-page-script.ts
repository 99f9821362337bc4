// The artifact page's script (bundled by buildArtifactPageBundle): loads a deployment artifact in
// a browser runtime and measures its accuracy or its latency. onnxruntime-web and the TFLite
// interpreter come from <script> tags of the page (their own browser builds); tfjs is bundled.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { countCorrect } from '@edgefl/runtime';
import { loadOnnxClassifier } from '../onnx-classifier';
import { createTfliteRunner, type TfliteWasmModule } from '../tflite-web-runner';
import { loadSparseModel } from '../load-sparse-model';
import {
  HARNESS_GLOBAL,
  type BrowserArtifactHarness,
  type BrowserArtifactRequest,
  type BrowserTiming,
} from '../browser-runtime';
import { ARTIFACT_PAGE_ROUTES } from '../artifact-page-routes';

declare const tflite_web_api_ModuleFactory: (options: object) => Promise<TfliteWasmModule>;

interface Classifier {
  /** Probabilities of `batch` images. */
  run(images: Float32Array, batch: number): Promise<Float32Array>;
  /** The batch a call must have, when the model fixes it (TFLite). */
  fixedBatch?: number;
  dispose(): Promise<void>;
}

let tfliteModule: Promise<TfliteWasmModule> | undefined;

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function loadClassifier(runtime: BrowserArtifactRequest['runtime'], url: string, imageShape: number[]) {
  switch (runtime) {
    case 'tfjs-wasm':
    case 'tfjs-sparse-wasm': {
      if (tf.getBackend() !== 'wasm') {
        tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
        setWasmPaths(ARTIFACT_PAGE_ROUTES.tfjsWasm);
        if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs wasm backend did not start');
      }
      const model = runtime === 'tfjs-wasm' ? await tfl.loadLayersModel(url) : loadSparseModel(await fetchBytes(url));
      const classifier: Classifier = {
        run: async (images, batch) =>
          tf.tidy(() =>
            (model.predict(tf.tensor4d(images, [batch, ...imageShape] as never)) as tf.Tensor).dataSync(),
          ) as Float32Array,
        dispose: async () => void model.dispose(),
      };
      return classifier;
    }
    case 'ort-wasm': {
      // The global `ort` of ort.wasm.min.js (the bundle's `onnxruntime-web` import resolves to it).
      (globalThis as unknown as { ort: { env: { wasm: { wasmPaths: string } } } }).ort.env.wasm.wasmPaths =
        ARTIFACT_PAGE_ROUTES.ort;
      const onnx = await loadOnnxClassifier(await fetchBytes(url), imageShape);
      const classifier: Classifier = { run: (images, batch) => onnx.run(images, batch), dispose: () => onnx.release() };
      return classifier;
    }
    case 'tflite-wasm': {
      tfliteModule ??= tflite_web_api_ModuleFactory({
        locateFile: (file: string) => `${ARTIFACT_PAGE_ROUTES.tflite}${file}`,
        printErr: () => undefined,
      });
      const runner = createTfliteRunner(await tfliteModule, await fetchBytes(url));
      const classifier: Classifier = {
        run: async (images) => runner.run(images),
        fixedBatch: runner.inputShape[0],
        dispose: async () => runner.dispose(),
      };
      return classifier;
    }
    default: {
      const unknown: never = runtime;
      throw new Error(`unknown browser runtime ${String(unknown)}`);
    }
  }
}

async function fetchFloats(url: string): Promise<Float32Array> {
  const bytes = await fetchBytes(url);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const harness: BrowserArtifactHarness = {
  async accuracy(request) {
    const images = await fetchFloats(request.imagesUrl);
    const labels = await fetchBytes(request.labelsUrl);
    const imageSize = request.imageShape[0] * request.imageShape[1] * request.imageShape[2];
    const count = labels.length;
    if (images.length !== count * imageSize) throw new Error(`${count} labels but ${images.length / imageSize} images`);
    const classifier = await loadClassifier(request.runtime, request.url, request.imageShape);
    const step = classifier.fixedBatch ?? 256;
    let correct = 0;
    try {
      for (let start = 0; start + (classifier.fixedBatch ?? 1) <= count; start += step) {
        const end = Math.min(start + step, count);
        const probabilities = await classifier.run(images.subarray(start * imageSize, end * imageSize), end - start);
        correct += countCorrect(probabilities, labels.subarray(start, end), request.classes);
      }
    } finally {
      await classifier.dispose();
    }
    return { accuracy: correct / count, count };
  },

  async time(request) {
    const images = await fetchFloats(request.imagesUrl);
    const imageSize = request.imageShape[0] * request.imageShape[1] * request.imageShape[2];
    const count = images.length / imageSize;
    if (count < request.batch) throw new Error(`${count} images, fewer than a batch of ${request.batch}`);
    const image = (i: number) => images.subarray((i % count) * imageSize, ((i % count) + 1) * imageSize);
    const batchOf = (i: number) => {
      const start = (i * request.batch) % (count - request.batch + 1);
      return images.subarray(start * imageSize, (start + request.batch) * imageSize);
    };
    const loadStart = performance.now();
    const single = await loadClassifier(request.runtime, request.url, request.imageShape);
    await single.run(image(0), 1);
    const loadMs = performance.now() - loadStart;
    const batched =
      single.fixedBatch === undefined
        ? single
        : await loadClassifier(request.runtime, request.batchUrl ?? '', request.imageShape);
    try {
      for (let i = 0; i < request.warmupCalls; i++) await single.run(image(i), 1);
      const times: number[] = [];
      for (let i = 0; i < request.calls; i++) {
        const start = performance.now();
        await single.run(image(i), 1);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      for (let i = 0; i < 3; i++) await batched.run(batchOf(i), request.batch);
      const batchStart = performance.now();
      for (let i = 0; i < request.batchRounds; i++) await batched.run(batchOf(i), request.batch);
      const batchPerSec = (request.batch * request.batchRounds) / ((performance.now() - batchStart) / 1000);
      const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      const timing: BrowserTiming = {
        loadMs,
        p50Ms: percentile(times, 50),
        p95Ms: percentile(times, 95),
        p99Ms: percentile(times, 99),
        batchPerSec,
        jsHeapMb: memory ? memory.usedJSHeapSize / 2 ** 20 : null,
        crossOriginIsolated: globalThis.crossOriginIsolated === true,
      };
      return timing;
    } finally {
      await single.dispose();
      if (batched !== single) await batched.dispose();
    }
  },
};

(globalThis as unknown as Record<string, BrowserArtifactHarness>)[HARNESS_GLOBAL] = harness;
