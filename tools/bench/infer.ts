/**
 * Inference latency of the deployment artifacts, per artifact and runtime.
 *
 *   npm run bench:infer -- [--json FILE] [--calls N] [--train-samples N] [--epochs E] [--out DIR] [--no-chromium]
 *
 * Trains the reference model briefly (Fashion-MNIST when found, else procedural data; wasm, Adam
 * 2e-3, batch 64), writes every artifact with model-export's writeDeployment (sizes, accuracy of each
 * file reloaded in its runtime), then measures each (artifact, runtime) pair in its own child
 * process (this file with --worker, so peak RSS is per pair): load time, batch-1 latency p50/p95/p99
 * over N single-image calls (default 1,000) after 100 warm-up calls, batch-32 throughput, peak RSS.
 * Then the same in headless Chromium (infer-chromium.ts: tfjs wasm, onnxruntime-web wasm and the
 * TFLite interpreter on the artifact page, a fresh browser per pair, the renderer's peak RSS).
 * Ratios are against float32 tfjs-wasm in Node measured in the same run. The latencies are also written
 * into the bench's copy of deployment.json.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ARTIFACT_KINDS, artifactName, type ArtifactKind } from '@edgefl/model-export';
import {
  buildArtifactPageBundle,
  serveArtifactPage,
  type ArtifactPageServer,
  type BrowserRuntime,
} from '@edgefl/model-export/browser-harness';
import { readBenchFlags } from './bench-flags';
import { measureInChromium } from './infer-chromium';
import { percentCell, printColumns, writeJsonRows } from './bench-output';

const RUNTIMES = ['tfjs-wasm', 'tfjs-cpu', 'ort-wasm', 'tflite-wasm'] as const;
type NodeRuntime = (typeof RUNTIMES)[number];
/** The same wasm runtimes in headless Chromium (infer-chromium.ts). */
const CHROMIUM_RUNTIMES = ['chromium tfjs-wasm', 'chromium ort-wasm', 'chromium tflite-wasm'] as const;
type ChromiumRuntime = (typeof CHROMIUM_RUNTIMES)[number];
type Runtime = NodeRuntime | ChromiumRuntime;

const flags = readBenchFlags(
  'infer',
  'Inference latency of the deployment artifacts, per artifact and runtime, each pair in its own child process, against float32 tfjs-wasm.',
  {
    calls: { kind: 'integer', min: 1, default: 1000, help: 'single-image calls timed per pair' },
    'train-samples': { kind: 'integer', min: 1, default: 60000, help: 'training examples of the brief training' },
    epochs: { kind: 'integer', min: 1, default: 1, help: 'training epochs' },
    'no-chromium': { kind: 'boolean', help: 'skip the rows measured in headless Chromium' },
    out: { kind: 'string', placeholder: 'DIR', default: '.bench/infer/model', help: 'where the artifacts are written' },
    worker: { kind: 'choice', values: RUNTIMES, help: 'internal: run as the child that measures this runtime' },
    artifact: { kind: 'string', help: "internal: the child's artifact" },
    dir: { kind: 'string', placeholder: 'DIR', help: "internal: the child's artifact folder" },
  },
);

interface Pair {
  artifact: string;
  runtime: Runtime;
}
interface NodePair extends Pair {
  runtime: NodeRuntime;
}

interface Measured {
  loadMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  batch32PerSec: number;
  /** Node: the child's peak RSS; Chromium: the renderer process's peak RSS (/proc VmHWM). */
  peakRssMb: number | null;
}

interface Row extends Pair, Measured {
  bytes: number;
  gzipBytes: number;
  accuracy: number;
  p50Ratio: number | null;
  p99Ratio: number | null;
  batch32Ratio: number | null;
}

/** The runtimes that load each artifact format (TF.js folders on both tfjs backends). */
const RUNTIMES_OF: Record<ArtifactKind['format'], readonly Runtime[]> = {
  'tfjs-layers': ['tfjs-wasm', 'tfjs-cpu', 'chromium tfjs-wasm'],
  onnx: ['ort-wasm', 'chromium ort-wasm'],
  tflite: ['tflite-wasm', 'chromium tflite-wasm'],
  // Not timed: loadSparseModel rebuilds the tfjs float32 model, which runs the same kernels as
  // tfjs-float32 (the file buys bytes, not speed).
  sparse: [],
};
/**
 * Every (artifact, runtime) pair measured, by runtime: the artifacts model-export writes, except
 * float16 TF.js on the cpu backend (dequantized on load to the same float32 model).
 */
const PAIRS: Pair[] = [...RUNTIMES, ...CHROMIUM_RUNTIMES].flatMap((runtime) =>
  ARTIFACT_KINDS.filter(
    (kind) => RUNTIMES_OF[kind.format].includes(runtime) && !(runtime === 'tfjs-cpu' && kind.precision === 'float16'),
  ).map((kind) => ({ artifact: artifactName(kind), runtime })),
);
const RESULT_PREFIX = 'BENCH_RESULT ';
const WARMUP_CALLS = 100;
const BATCH = 32;
const BATCH_ROUNDS = 30;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Child: load one artifact in one runtime and time it. */
async function worker(dir: string, pair: NodePair, calls: number): Promise<void> {
  const tf = await import('@tensorflow/tfjs-core');
  const { useBackend } = await import('@edgefl/runtime');
  const { loadTfjsFolder, loadTfliteRunner, loadOnnxClassifier } = await import('@edgefl/model-export/node');
  const images = new Float32Array(readFileSync(join(dir, 'bench-images.f32')).buffer.slice(0));
  const imageSize = 28 * 28;
  const count = images.length / imageSize;
  const image = (i: number) => images.subarray((i % count) * imageSize, ((i % count) + 1) * imageSize);
  const batch = (i: number) => {
    const start = (i * BATCH) % (count - BATCH);
    return images.subarray(start * imageSize, (start + BATCH) * imageSize);
  };
  let single: (i: number) => Promise<unknown>;
  let batched: (i: number) => Promise<unknown>;
  const loadStart = performance.now();
  switch (pair.runtime) {
    case 'tfjs-wasm':
    case 'tfjs-cpu': {
      await useBackend(pair.runtime === 'tfjs-wasm' ? 'wasm' : 'cpu');
      const model = await loadTfjsFolder(join(dir, pair.artifact));
      const predict = (data: Float32Array, n: number) =>
        tf.tidy(() =>
          (model.predict(tf.tensor4d(data, [n, 28, 28, 1])) as import('@tensorflow/tfjs-core').Tensor).dataSync(),
        );
      predict(image(0), 1);
      single = async (i) => predict(image(i), 1);
      batched = async (i) => predict(batch(i), BATCH);
      break;
    }
    case 'ort-wasm': {
      const classifier = await loadOnnxClassifier(readFileSync(join(dir, pair.artifact)), [28, 28, 1]);
      await classifier.run(image(0), 1);
      single = (i) => classifier.run(image(i), 1);
      batched = (i) => classifier.run(batch(i), BATCH);
      break;
    }
    case 'tflite-wasm': {
      const runner = await loadTfliteRunner(readFileSync(join(dir, pair.artifact)));
      const runner32 = await loadTfliteRunner(readFileSync(join(dir, pair.artifact.replace('.tflite', '-b32.tflite'))));
      runner.run(image(0));
      single = async (i) => runner.run(image(i));
      batched = async (i) => runner32.run(batch(i));
      break;
    }
    default: {
      const unknown: never = pair.runtime;
      throw new Error(`unknown runtime ${String(unknown)}`);
    }
  }
  // Load = read + parse + first inference (what a device pays before its first answer).
  const loadMs = performance.now() - loadStart;
  for (let i = 0; i < WARMUP_CALLS; i++) await single(i);
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    await single(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  for (let i = 0; i < 3; i++) await batched(i);
  const batchStart = performance.now();
  for (let i = 0; i < BATCH_ROUNDS; i++) await batched(i);
  const batch32PerSec = (BATCH * BATCH_ROUNDS) / ((performance.now() - batchStart) / 1000);
  const measured: Measured = {
    loadMs,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    p99Ms: percentile(times, 99),
    batch32PerSec,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(measured)}\n`);
}

async function prepare(dir: string): Promise<import('@edgefl/model-export').DeploymentManifest> {
  const tf = await import('@tensorflow/tfjs-core');
  const { useBackend, trainLocally, evaluateModel } = await import('@edgefl/runtime');
  const { buildModel, getFlatWeights } = await import('@edgefl/models');
  const { DEFAULT_MODEL_SPEC } = await import('@edgefl/protocol');
  const { findFashionMnist, loadFashionMnist } = await import('@edgefl/datasets/node');
  const { makeProceduralDataset } = await import('@edgefl/datasets');
  const {
    writeDeployment,
    exportTfliteModel,
    exportTfliteFullInt8Model,
    calibrateActivations,
    loadOnnxClassifier,
    DEFAULT_CALIBRATION_COUNT,
  } = await import('@edgefl/model-export/node');
  const trainSamples = flags['train-samples'];
  const epochs = flags.epochs;
  const fashion = findFashionMnist({});
  const { train, test } = fashion
    ? loadFashionMnist(fashion, { trainLimit: trainSamples })
    : {
        train: makeProceduralDataset({ count: trainSamples, seed: 1 }),
        test: makeProceduralDataset({ count: 2_000, seed: 2 }),
      };
  const testSetName = fashion ? 'fashion-mnist t10k' : 'procedural';
  await useBackend('wasm');
  const model = buildModel(DEFAULT_MODEL_SPEC, 1);
  const started = performance.now();
  await trainLocally(model, train, { epochs, batchSize: 64, learningRate: 0.002, optimizer: 'adam' }, { seed: 1 });
  const evaluation = await evaluateModel(model, test);
  console.log(
    `trained the reference model on ${train.count} ${testSetName.split(' ')[0]} images, ${epochs} epoch(s), ` +
      `${((performance.now() - started) / 1000).toFixed(0)} s: test accuracy ${(100 * evaluation.accuracy).toFixed(2)}% (tfjs wasm)`,
  );
  const weights = getFlatWeights(model);
  const manifest = await writeDeployment(dir, { spec: DEFAULT_MODEL_SPEC, weights, testSet: test, testSetName });
  // Batch-32 TFLite copies for the throughput column (a TFLite web runner cannot resize its input).
  writeFileSync(
    join(dir, 'model-b32.tflite'),
    exportTfliteModel(DEFAULT_MODEL_SPEC, weights, 'float32', { batch: BATCH }),
  );
  writeFileSync(
    join(dir, 'model-int8-b32.tflite'),
    exportTfliteModel(DEFAULT_MODEL_SPEC, weights, 'int8', { batch: BATCH }),
  );
  const ranges = calibrateActivations(
    DEFAULT_MODEL_SPEC,
    weights,
    test.images.subarray(0, DEFAULT_CALIBRATION_COUNT * 784),
    DEFAULT_CALIBRATION_COUNT,
  );
  writeFileSync(
    join(dir, 'model-full-int8-b32.tflite'),
    exportTfliteFullInt8Model(DEFAULT_MODEL_SPEC, weights, ranges, BATCH),
  );
  writeFileSync(join(dir, 'bench-images.f32'), test.images.subarray(0, 2_000 * 784));
  // ONNX float vs tfjs over the whole test set: max |difference| of the probabilities.
  const onnx = await loadOnnxClassifier(readFileSync(join(dir, 'model.onnx')), [28, 28, 1]);
  let maxAbs = 0;
  for (let start = 0; start < test.count; start += 500) {
    const end = Math.min(test.count, start + 500);
    const slice = test.images.subarray(start * 784, end * 784);
    const reference = tf.tidy(() =>
      (
        model.predict(tf.tensor4d(slice, [end - start, 28, 28, 1])) as import('@tensorflow/tfjs-core').Tensor
      ).dataSync(),
    );
    const got = await onnx.run(slice, end - start);
    for (let i = 0; i < reference.length; i++) maxAbs = Math.max(maxAbs, Math.abs(reference[i] - got[i]));
  }
  await onnx.release();
  console.log(`ONNX float32 vs tfjs over ${test.count} test images: max |difference| ${maxAbs.toExponential(2)}`);
  (manifest as { onnxMaxAbsDiff?: number }).onnxMaxAbsDiff = maxAbs;
  model.dispose();
  return manifest;
}

function runChild(dir: string, pair: NodePair, calls: number): Measured {
  const child = spawnSync(
    process.execPath,
    [
      require.resolve('tsx/cli'),
      __filename,
      '--worker',
      pair.runtime,
      '--artifact',
      pair.artifact,
      '--dir',
      dir,
      '--calls',
      String(calls),
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const line = child.stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  if (child.status !== 0 || line === undefined)
    throw new Error(
      `${pair.artifact} on ${pair.runtime} failed (status ${child.status}): ${child.stderr.slice(-2000)}`,
    );
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as Measured;
}

/** The artifact page on a loopback port, serving `dir` (artifacts and bench images). */
async function startArtifactPage(dir: string): Promise<ArtifactPageServer> {
  return serveArtifactPage(await buildArtifactPageBundle(), dir);
}

/** One Chromium pair, in a fresh browser; the renderer's peak RSS stands for the child's. */
async function timeInChromium(server: ArtifactPageServer, pair: Pair, calls: number): Promise<Measured> {
  const runtime = pair.runtime.replace('chromium ', '') as BrowserRuntime;
  const measured = await measureInChromium(server, {
    runtime,
    artifact: pair.artifact,
    batchArtifact: runtime === 'tflite-wasm' ? pair.artifact.replace('.tflite', '-b32.tflite') : undefined,
    imageShape: [28, 28, 1],
    imagesFile: 'bench-images.f32',
    calls,
    warmupCalls: WARMUP_CALLS,
    batch: BATCH,
    batchRounds: BATCH_ROUNDS,
  });
  if (!measured.crossOriginIsolated) throw new Error('the artifact page was not cross-origin isolated: 100 us timer');
  return {
    loadMs: measured.loadMs,
    p50Ms: measured.p50Ms,
    p95Ms: measured.p95Ms,
    p99Ms: measured.p99Ms,
    batch32PerSec: measured.batchPerSec,
    peakRssMb: measured.rendererPeakRssMb,
  };
}

async function main(): Promise<void> {
  const dir = resolve(flags.out);
  const calls = flags.calls;
  const manifest = await prepare(dir);
  const rows: Row[] = [];
  const chromium = flags['no-chromium'] ? undefined : await startArtifactPage(dir);
  try {
    for (const pair of PAIRS) {
      const artifact = manifest.artifacts.find((a) => a.name === pair.artifact);
      if (!artifact) throw new Error(`no artifact ${pair.artifact}`);
      const isChromium = (CHROMIUM_RUNTIMES as readonly string[]).includes(pair.runtime);
      if (isChromium && chromium === undefined) continue;
      const measured = isChromium
        ? await timeInChromium(chromium!, pair, calls)
        : runChild(dir, pair as NodePair, calls);
      rows.push({
        ...pair,
        bytes: artifact.bytes,
        gzipBytes: artifact.gzipBytes,
        accuracy: artifact.accuracy,
        ...measured,
        p50Ratio: null,
        p99Ratio: null,
        batch32Ratio: null,
      });
      process.stderr.write(`${pair.artifact} on ${pair.runtime}: p50 ${measured.p50Ms.toFixed(3)} ms\n`);
    }
  } finally {
    await chromium?.close();
  }
  const base = rows[0];
  for (const row of rows) {
    row.p50Ratio = row.p50Ms / base.p50Ms;
    row.p99Ratio = row.p99Ms / base.p99Ms;
    row.batch32Ratio = row.batch32PerSec / base.batch32PerSec;
  }
  const float = manifest.artifacts[0];
  console.log(
    `\nartifacts (${manifest.model.parameters} parameters, accuracy on ${manifest.testSet.count} ${manifest.testSet.name} images, each file reloaded in its runtime)`,
  );
  printColumns(
    [
      { title: 'artifact', width: 22, left: true, cell: (a) => a.name },
      { title: 'bytes', width: 8, cell: (a) => String(a.bytes) },
      { title: 'x f32', width: 6, cell: (a) => a.bytesRatio.toFixed(3) },
      { title: 'gzip', width: 8, cell: (a) => String(a.gzipBytes) },
      { title: 'x f32', width: 6, cell: (a) => (a.gzipBytes / float.gzipBytes).toFixed(3) },
      { title: 'accuracy', width: 9, cell: (a) => percentCell(a.accuracy) },
      { title: 'vs f32', width: 7, cell: (a) => (100 * (a.accuracy - float.accuracy)).toFixed(2) },
    ],
    manifest.artifacts,
  );
  console.log(
    `\ninference, one thread, ${calls} batch-1 calls after ${WARMUP_CALLS} warm-up; ratios against tfjs-float32 on tfjs-wasm`,
  );
  printColumns(
    [
      { title: 'artifact', width: 22, left: true, cell: (r) => r.artifact },
      { title: 'runtime', width: 20, left: true, cell: (r) => r.runtime },
      { title: 'load ms', width: 8, cell: (r) => r.loadMs.toFixed(1) },
      { title: 'p50 ms', width: 8, cell: (r) => r.p50Ms.toFixed(3) },
      { title: 'p95 ms', width: 8, cell: (r) => r.p95Ms.toFixed(3) },
      { title: 'p99 ms', width: 8, cell: (r) => r.p99Ms.toFixed(3) },
      { title: 'x p50', width: 6, cell: (r) => (r.p50Ratio ?? Number.NaN).toFixed(2) },
      { title: 'x p99', width: 6, cell: (r) => (r.p99Ratio ?? Number.NaN).toFixed(2) },
      { title: 'b32 img/s', width: 10, cell: (r) => r.batch32PerSec.toFixed(0) },
      { title: 'x b32', width: 6, cell: (r) => (r.batch32Ratio ?? Number.NaN).toFixed(2) },
      { title: 'RSS MB', width: 7, cell: (r) => (r.peakRssMb === null ? 'n/a' : r.peakRssMb.toFixed(0)) },
    ],
    rows,
  );
  // The bench's deployment.json also carries the latencies measured here.
  const withLatency = {
    ...manifest,
    artifacts: manifest.artifacts.map((a) => ({
      ...a,
      latency: Object.fromEntries(
        rows
          .filter((r) => r.artifact === a.name)
          .map((r) => [
            r.runtime,
            { p50Ms: r.p50Ms, p95Ms: r.p95Ms, p99Ms: r.p99Ms, batch32PerSec: r.batch32PerSec, loadMs: r.loadMs },
          ]),
      ),
    })),
  };
  writeFileSync(join(dir, 'deployment.json'), `${JSON.stringify(withLatency, null, 2)}\n`);
  writeJsonRows(flags.json, { deployment: withLatency, rows });
}

if (flags.worker !== undefined) {
  worker(flags.dir ?? '', { runtime: flags.worker, artifact: flags.artifact ?? '' }, flags.calls).catch(
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
