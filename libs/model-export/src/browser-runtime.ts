/**
 * The runtimes the artifact page runs in a browser: tfjs on its wasm backend (TF.js folders),
 * onnxruntime-web on wasm (`.onnx`), the TFLite interpreter of tfjs-tflite (wasm, `.tflite`),
 * and `loadSparseModel` on tfjs wasm (`.efls`).
 */
export const BROWSER_RUNTIMES = ['tfjs-wasm', 'ort-wasm', 'tflite-wasm', 'tfjs-sparse-wasm'] as const;

/** One of {@link BROWSER_RUNTIMES}. */
export type BrowserRuntime = (typeof BROWSER_RUNTIMES)[number];

/** What the page loads: one artifact (a URL on the page's origin) in one runtime. */
export interface BrowserArtifactRequest {
  runtime: BrowserRuntime;
  /** `model.json` of a TF.js folder, or a `.onnx` / `.tflite` / `.efls` file. */
  url: string;
  /** [H, W, C] of one image. */
  imageShape: [number, number, number];
}

/** `accuracy(...)`: top-1 accuracy over images/labels files (raw little-endian float32 NHWC, uint8). */
export interface BrowserAccuracyRequest extends BrowserArtifactRequest {
  imagesUrl: string;
  labelsUrl: string;
  classes: number;
}

/** `time(...)`: load time, batch-1 latency, and batch throughput in the page. */
export interface BrowserTimingRequest extends BrowserArtifactRequest {
  /** Raw float32 NHWC images the calls cycle through. */
  imagesUrl: string;
  warmupCalls: number;
  calls: number;
  batch: number;
  batchRounds: number;
  /** TFLite only: the same model written with a fixed batch of `batch` (its input cannot be resized). */
  batchUrl?: string;
}

/** What `time(...)` measures, in milliseconds of the page's `performance.now()`. */
export interface BrowserTiming {
  /** Fetch + parse + runtime start + first inference. */
  loadMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  batchPerSec: number;
  /** `performance.memory.usedJSHeapSize` after the run, MB (Chromium only; wasm memory is not in it). */
  jsHeapMb: number | null;
  /** Whether the page was cross-origin isolated (`performance.now()` to 5 us, else 100 us in Chromium). */
  crossOriginIsolated: boolean;
}

/** The API the page script puts on `window.edgeflArtifacts`. */
export interface BrowserArtifactHarness {
  accuracy(request: BrowserAccuracyRequest): Promise<{ accuracy: number; count: number }>;
  time(request: BrowserTimingRequest): Promise<BrowserTiming>;
}

/** Name of the page global that holds the {@link BrowserArtifactHarness}. */
export const HARNESS_GLOBAL = 'edgeflArtifacts';
