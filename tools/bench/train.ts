/**
 * Training throughput of the reference model (16,419 params) per tfjs backend.
 *
 *   npx tsx tools/bench/train.ts [--json FILE] [--steps N] [--repeats N] [--cpu-steps N]
 *
 * Defaults: 40 steps, best of 3 repeats per fast backend; the cpu backend (about 25 samples/s)
 * gets one repeat of 3 steps after a warm-up step.
 *
 * Each (backend, batch size) runs in its own child process (this file with --worker), so that
 * peak RSS is per backend and backends cannot share state. Speed is reported as wall-clock
 * samples/s, as samples per CPU-second of the worker (robust when other processes share the
 * cores) and as a ratio (of the CPU-time figures) to the cpu backend measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import { DEFAULT_MODEL_SPEC } from '@edgefl/protocol';
import type { BackendName } from '@edgefl/runtime';
import { readBenchFlags } from './bench-flags';
import { printColumns, writeJsonRows } from './bench-output';

interface Row {
  backend: BackendName;
  batchSize: number;
  samplesPerSec: number;
  /** Samples per second of this process's CPU time: what one uncontended core would do. */
  samplesPerCpuSec: number;
  peakRssMb: number;
  ratioToCpu: number | null;
}

type Measured = Pick<Row, 'samplesPerSec' | 'samplesPerCpuSec' | 'peakRssMb'>;

const BACKENDS: BackendName[] = ['tensorflow', 'wasm', 'cpu'];
const BATCH_SIZES = [32, 64];
const UNAVAILABLE_EXIT_CODE = 3;
const RESULT_PREFIX = 'BENCH_RESULT ';

const flags = readBenchFlags(
  'train',
  'Training throughput of the reference model per tfjs backend, each (backend, batch size) in its own child process, as a ratio to the cpu backend.',
  {
    steps: { kind: 'integer', min: 1, default: 40, help: 'training steps per repeat of a fast backend' },
    repeats: { kind: 'integer', min: 1, default: 3, help: 'repeats per fast backend (the best counts)' },
    'cpu-steps': { kind: 'integer', min: 1, default: 3, help: 'training steps of the cpu backend (one repeat)' },
    worker: { kind: 'choice', values: BACKENDS, help: 'internal: run as the child that measures this backend' },
    batch: { kind: 'integer', min: 1, default: 32, help: "internal: the child's batch size" },
  },
);

async function worker(backend: BackendName, batchSize: number, steps: number, repeats: number): Promise<void> {
  const { initializeBackend, loadTfjsNode, trainLocally } = await import('@edgefl/runtime/node');
  const { buildModel } = await import('@edgefl/models');
  const { SeededRandom } = await import('@edgefl/random');
  if (backend === 'tensorflow' && !loadTfjsNode()) process.exit(UNAVAILABLE_EXIT_CODE);
  await initializeBackend({ backend });

  const [height, width, channels] = DEFAULT_MODEL_SPEC.inputShape;
  const count = batchSize * steps;
  const rng = new SeededRandom(1);
  const images = Float32Array.from({ length: count * height * width * channels }, () => rng.nextFloat());
  const labels = Uint8Array.from({ length: count }, () => rng.nextInt(DEFAULT_MODEL_SPEC.classes));
  const data = { images, labels, shape: DEFAULT_MODEL_SPEC.inputShape, classes: DEFAULT_MODEL_SPEC.classes, count };
  const warmup = {
    ...data,
    count: batchSize,
    images: images.subarray(0, batchSize * height * width * channels),
    labels: labels.subarray(0, batchSize),
  };
  const config = { epochs: 1, batchSize, learningRate: 0.01, optimizer: 'sgd' as const };

  const model = buildModel(DEFAULT_MODEL_SPEC, 1);
  await trainLocally(model, warmup, config); // kernel setup, XNNPACK operator creation
  // Best of `repeats`: the machine may be shared, and interference only ever slows a run down.
  let samplesPerSec = 0;
  let samplesPerCpuSec = 0;
  for (let repeat = 0; repeat < repeats; repeat++) {
    const cpuBefore = process.cpuUsage();
    const result = await trainLocally(model, data, config, { seed: repeat });
    const cpu = process.cpuUsage(cpuBefore);
    samplesPerSec = Math.max(samplesPerSec, (result.numSamples / result.durationMs) * 1000);
    // CPU time (user + system) of this process: robust to other processes sharing the core.
    samplesPerCpuSec = Math.max(samplesPerCpuSec, result.numSamples / ((cpu.user + cpu.system) / 1e6));
  }
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify({ samplesPerSec, samplesPerCpuSec, peakRssMb })}\n`);
}

function runChild(backend: BackendName, batchSize: number, steps: number, repeats: number): Measured | null {
  const args = [
    'tsx',
    __filename,
    '--worker',
    backend,
    '--batch',
    String(batchSize),
    '--steps',
    String(steps),
    '--repeats',
    String(repeats),
  ];
  const child = spawnSync('npx', args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status === UNAVAILABLE_EXIT_CODE) return null;
  const line = child.stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  if (child.status !== 0 || line === undefined) {
    throw new Error(`${backend} worker failed (status ${child.status}): ${child.stderr.slice(-2000)}`);
  }
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as Measured;
}

function main(): void {
  const { steps, repeats } = flags;
  const cpuSteps = flags['cpu-steps'];
  const jsonFile = flags.json;
  const rows: Row[] = [];
  for (const backend of BACKENDS) {
    for (const batchSize of BATCH_SIZES) {
      const measured =
        backend === 'cpu' ? runChild(backend, batchSize, cpuSteps, 1) : runChild(backend, batchSize, steps, repeats);
      if (measured === null) {
        process.stderr.write(`${backend}: not available here, skipped\n`);
        break;
      }
      rows.push({ backend, batchSize, ...measured, ratioToCpu: null });
    }
  }
  for (const row of rows) {
    const cpu = rows.find((r) => r.backend === 'cpu' && r.batchSize === row.batchSize);
    // From CPU time: wall-clock ratios mostly measure who else is using the cores.
    row.ratioToCpu = cpu ? row.samplesPerCpuSec / cpu.samplesPerCpuSec : null;
  }
  console.log('reference model (16,419 params), one core, training samples/s');
  printColumns(
    [
      { title: 'backend', width: 11, left: true, cell: (r) => r.backend },
      { title: 'batch', width: 5, cell: (r) => String(r.batchSize) },
      { title: 'samples/s', width: 10, cell: (r) => r.samplesPerSec.toFixed(0) },
      { title: 'per CPU-s', width: 10, cell: (r) => r.samplesPerCpuSec.toFixed(0) },
      { title: 'peak RSS MB', width: 12, cell: (r) => r.peakRssMb.toFixed(0) },
      { title: 'x cpu', width: 7, cell: (r) => (r.ratioToCpu === null ? '-' : r.ratioToCpu.toFixed(1)) },
    ],
    rows,
  );
  if (jsonFile) {
    const rounded = rows.map((r) => ({
      ...r,
      samplesPerSec: Math.round(r.samplesPerSec * 10) / 10,
      samplesPerCpuSec: Math.round(r.samplesPerCpuSec * 10) / 10,
      peakRssMb: Math.round(r.peakRssMb),
      ratioToCpu: r.ratioToCpu === null ? null : Math.round(r.ratioToCpu * 10) / 10,
    }));
    writeJsonRows(jsonFile, rounded);
  }
}

if (flags.worker !== undefined) {
  worker(flags.worker, flags.batch, flags.steps, flags.repeats).catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
} else {
  main();
}
