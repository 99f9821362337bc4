/**
 * A small architecture search over the model-spec space (block widths, number of blocks, input
 * resolution: Fashion-MNIST resampled by area averaging) with short seeded federated runs.
 *
 *   npm run bench:arch -- [--json FILE] [--rounds R] [--clients N] [--samples N]
 *
 * For each candidate: an in-process simulation (Fashion-MNIST when found, else procedural data;
 * N clients x samples images, all of them every round, plain float32 rounds, wasm), then the
 * deployment artifacts of its final model (accuracy of each file on 2,000 test images) and the
 * batch-1 latency of its TFLite files in the TFLite wasm interpreter (p50 over 500 calls after
 * 100 warm-up calls). Prints every candidate and the Pareto front of test accuracy (higher) vs
 * gzipped full-int8 TFLite bytes (lower) vs full-int8 batch-1 p50 (lower).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DeploymentManifest } from '@edgefl/model-export';
import { loadTfliteRunner, writeDeployment } from '@edgefl/model-export/node';
import { DEFAULT_SIMULATION_OPTIONS, runSimulation } from '@edgefl/simulation';
import { fleetFlags, readBenchFlags, samplesFlag } from './bench-flags';
import { percentCell, printColumns, writeJsonRows } from './bench-output';

interface Candidate {
  name: string;
  widths: number[];
  /** Square input side: 28 is Fashion-MNIST as is, smaller ones are resampled. */
  inputSize: number;
}

interface Row extends Candidate {
  parameters: number;
  accuracy: number;
  fullInt8Accuracy: number;
  fullInt8GzipBytes: number;
  float32Bytes: number;
  fullInt8P50Ms: number;
  float32P50Ms: number;
  wallSeconds: number;
  pareto: boolean;
}

const CANDIDATES: Candidate[] = [
  { name: 'w8-16', widths: [8, 16], inputSize: 28 },
  { name: 'w16-32 (default)', widths: [16, 32], inputSize: 28 },
  { name: 'w32-64', widths: [32, 64], inputSize: 28 },
  { name: 'w16', widths: [16], inputSize: 28 },
  { name: 'w16-32-64', widths: [16, 32, 64], inputSize: 28 },
  { name: 'w16-32@20', widths: [16, 32], inputSize: 20 },
  { name: 'w16-32@14', widths: [16, 32], inputSize: 14 },
  { name: 'w8-16@14', widths: [8, 16], inputSize: 14 },
];

async function p50(bytes: Uint8Array, image: Float32Array, calls: number): Promise<number> {
  const runner = await loadTfliteRunner(bytes);
  for (let i = 0; i < 100; i++) runner.run(image);
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    runner.run(image);
    times.push(performance.now() - start);
  }
  runner.dispose();
  times.sort((a, b) => a - b);
  return times[Math.floor(calls / 2)];
}

async function main(): Promise<void> {
  const flags = readBenchFlags(
    'arch',
    'A small architecture search: short seeded federated runs per candidate, then the accuracy, size and TFLite latency of its deployment artifacts, and the Pareto front.',
    {
      ...fleetFlags({ clients: 5, rounds: 5 }),
      samples: samplesFlag(1000),
      out: { kind: 'string', placeholder: 'DIR', default: '.bench/arch', help: 'where the artifacts are written' },
      only: { kind: 'strings', help: 'candidate names to run (default: all)' },
    },
  );
  const candidates = flags.only ? CANDIDATES.filter((c) => flags.only?.includes(c.name.split(' ')[0])) : CANDIDATES;
  if (candidates.length === 0)
    throw new Error(`--only names none of ${CANDIDATES.map((c) => c.name.split(' ')[0]).join(', ')}`);
  const { rounds, clients, samples } = flags;
  const outRoot = resolve(flags.out);
  const rows: Row[] = [];
  for (const candidate of candidates) {
    const started = performance.now();
    let manifest: DeploymentManifest | undefined;
    let image: Float32Array | undefined;
    const out = join(outRoot, candidate.name.split(' ')[0]);
    await runSimulation(
      {
        ...DEFAULT_SIMULATION_OPTIONS,
        secure: false,
        bits: 32,
        clients,
        perRound: clients,
        rounds,
        samplesPerClient: samples,
        testLimit: 2_000,
        widths: candidate.widths,
        inputSize: candidate.inputSize,
        threads: 1,
        backend: 'wasm',
        quiet: true,
        out,
      },
      {
        onFinalModel: async ({ spec, weights, modelVersion, testSet, testSetName }) => {
          manifest = await writeDeployment(join(out, 'model'), { spec, weights, modelVersion, testSet, testSetName });
          image = testSet.images.slice(0, spec.inputShape[0] * spec.inputShape[1] * spec.inputShape[2]);
        },
      },
    );
    if (!manifest || !image) throw new Error(`${candidate.name}: the simulation produced no final model`);
    const { artifacts } = manifest;
    const byName = (name: string) => {
      const artifact = artifacts.find((a) => a.name === name);
      if (!artifact) throw new Error(`no ${name}`);
      return artifact;
    };
    const row: Row = {
      ...candidate,
      parameters: manifest.model.parameters,
      accuracy: byName('tfjs-float32').accuracy,
      fullInt8Accuracy: byName('model-full-int8.tflite').accuracy,
      fullInt8GzipBytes: byName('model-full-int8.tflite').gzipBytes,
      float32Bytes: byName('tfjs-float32').bytes,
      fullInt8P50Ms: await p50(readFileSync(join(out, 'model', 'model-full-int8.tflite')), image, 500),
      float32P50Ms: await p50(readFileSync(join(out, 'model', 'model.tflite')), image, 500),
      wallSeconds: (performance.now() - started) / 1000,
      pareto: false,
    };
    rows.push(row);
    process.stderr.write(
      `${candidate.name}: ${(100 * row.accuracy).toFixed(2)}%, ${row.fullInt8GzipBytes} B, ${row.fullInt8P50Ms.toFixed(3)} ms\n`,
    );
  }
  for (const row of rows) {
    row.pareto = !rows.some(
      (other) =>
        other !== row &&
        other.fullInt8Accuracy >= row.fullInt8Accuracy &&
        other.fullInt8GzipBytes <= row.fullInt8GzipBytes &&
        other.fullInt8P50Ms <= row.fullInt8P50Ms &&
        (other.fullInt8Accuracy > row.fullInt8Accuracy ||
          other.fullInt8GzipBytes < row.fullInt8GzipBytes ||
          other.fullInt8P50Ms < row.fullInt8P50Ms),
    );
  }
  console.log(
    `architecture search: ${clients} clients x ${samples} images, ${rounds} plain rounds, seed 1; accuracy on 2,000 test images`,
  );
  printColumns(
    [
      { title: 'candidate', width: 18, left: true, cell: (r) => r.name },
      { title: 'input', width: 6, cell: (r) => `${r.inputSize}x${r.inputSize}` },
      { title: 'params', width: 7, cell: (r) => String(r.parameters) },
      { title: 'f32 acc', width: 8, cell: (r) => percentCell(r.accuracy) },
      { title: 'int8 acc', width: 9, cell: (r) => percentCell(r.fullInt8Accuracy) },
      { title: 'int8 gz B', width: 10, cell: (r) => String(r.fullInt8GzipBytes) },
      { title: 'f32 B', width: 7, cell: (r) => String(r.float32Bytes) },
      { title: 'int8 p50', width: 9, cell: (r) => r.fullInt8P50Ms.toFixed(3) },
      { title: 'f32 p50', width: 8, cell: (r) => r.float32P50Ms.toFixed(3) },
      { title: 'pareto', width: 7, cell: (r) => (r.pareto ? 'yes' : '') },
    ],
    rows,
  );
  const front = rows.filter((r) => r.pareto).sort((a, b) => a.fullInt8GzipBytes - b.fullInt8GzipBytes);
  console.log(
    `\nPareto front (full-int8 accuracy up, gzipped bytes down, batch-1 p50 down), by size:\n${front
      .map(
        (r) =>
          `  ${r.name}: ${percentCell(r.fullInt8Accuracy)}, ${r.fullInt8GzipBytes} B gzipped, ${r.fullInt8P50Ms.toFixed(3)} ms`,
      )
      .join('\n')}`,
  );
  writeJsonRows(flags.json, rows);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
