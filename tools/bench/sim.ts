/**
 * Simulator wall time: 3 rounds with 50 clients x 600 samples (every client trains every round),
 * clients on a worker-thread pool (one worker per core) against all clients in one thread, as a
 * ratio measured in the same run. Fashion-MNIST when found, the procedural dataset otherwise.
 *
 * Usage: npx tsx tools/bench/sim.ts [--json FILE] [--clients N] [--samples N] [--rounds N]
 */
import { availableParallelism } from 'node:os';
import { DEFAULT_SIMULATION_OPTIONS, runSimulation } from '@edgefl/simulation';
import type { SimulationReport } from '@edgefl/simulation';
import { fleetFlags, readBenchFlags, samplesFlag } from './bench-flags';
import { percentCell, printTable, writeJsonRows } from './bench-output';

interface Row {
  mode: 'one-thread' | 'worker-pool';
  threads: number;
  wallSeconds: number;
  trainingSeconds: number;
  samplesPerSec: number;
  finalAccuracy: number | null;
  dataset: string;
  speedup: number;
}

async function main(): Promise<void> {
  const { clients, samples, rounds, json } = readBenchFlags(
    'sim',
    'Simulator wall time: clients on a worker-thread pool against all clients in one thread, in the same run.',
    {
      ...fleetFlags({ clients: 50, rounds: 3 }),
      samples: samplesFlag(600),
    },
  );
  const cores = availableParallelism();
  const run = (threads: number): Promise<SimulationReport> =>
    runSimulation({
      ...DEFAULT_SIMULATION_OPTIONS,
      secure: false,
      bits: 32,
      clients,
      perRound: clients,
      rounds,
      samplesPerClient: samples,
      minReports: clients,
      threads,
      testLimit: 1_000,
      seed: 1,
      quiet: true,
    });
  const rows: Row[] = [];
  for (const [mode, threads] of [
    ['one-thread', 1],
    ['worker-pool', cores],
  ] as const) {
    const report = await run(threads);
    const trainingMs = report.timings.reduce((n, r) => n + r.durationMs, 0);
    rows.push({
      mode,
      threads,
      wallSeconds: report.summary.wallTimeMs / 1000,
      trainingSeconds: trainingMs / 1000,
      samplesPerSec: (clients * samples * rounds) / (trainingMs / 1000),
      finalAccuracy: report.summary.finalAccuracy,
      dataset: report.config.datasetUsed,
      speedup: 1,
    });
  }
  for (const row of rows) row.speedup = rows[0].trainingSeconds / row.trainingSeconds;
  printTable(
    `bench:sim  ${clients} clients x ${samples} samples, ${rounds} rounds, every client every round, ${rows[0].dataset}, ${cores} cores`,
    ['mode', 'threads', 'rounds s', 'wall s', 'samples/s', 'final acc', 'speedup'],
    rows.map((row) => [
      row.mode,
      String(row.threads),
      row.trainingSeconds.toFixed(1),
      row.wallSeconds.toFixed(1),
      row.samplesPerSec.toFixed(0),
      row.finalAccuracy === null ? 'n/a' : percentCell(row.finalAccuracy),
      `${row.speedup.toFixed(2)}x`,
    ]),
  );
  writeJsonRows(json, rows);
  process.exit(0);
}

void main();
