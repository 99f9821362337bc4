/**
 * What quantizing the upload costs in accuracy and saves in bytes: the same federated run
 * (Fashion-MNIST when found, `dirichlet:0.5`, 50 clients, 10 per round, 30 rounds) with float32
 * updates and with 8- and 4-bit stochastic quantization; final test accuracy and uplink bytes per
 * parameter, against float32 in the same run.
 *
 * Usage: npx tsx tools/bench/quant-accuracy.ts [--json FILE] [--rounds N] [--clients N] [--per-round K] [--bits 32,8,4]
 */
import { availableParallelism } from 'node:os';
import { DEFAULT_SIMULATION_OPTIONS, runSimulation } from '@edgefl/simulation';
import type { SimulationOptions } from '@edgefl/simulation';
import { fleetFlags, perRoundFlag, readBenchFlags } from './bench-flags';
import { percentCell, pointsCell, printTable, writeJsonRows } from './bench-output';

interface Row {
  bits: number;
  finalAccuracy: number;
  bestAccuracy: number;
  uplinkBytesPerParam: number;
  accuracyDeltaPoints: number;
  bytesRatioToFloat: number;
  wallSeconds: number;
  dataset: string;
}

async function main(): Promise<void> {
  const flags = readBenchFlags(
    'quant-accuracy',
    'What quantizing the upload costs in accuracy and saves in bytes, against float32 in the same run.',
    {
      ...fleetFlags({ clients: 50, rounds: 30 }),
      'per-round': perRoundFlag(10),
      bits: { kind: 'integers', min: 1, max: 32, default: [32, 8, 4], help: 'upload widths (32: float32)' },
    },
  );
  const { rounds, clients, bits: widths } = flags;
  const perRound = flags['per-round'];
  const rows: Row[] = [];
  for (const bits of widths) {
    const options: SimulationOptions = {
      ...DEFAULT_SIMULATION_OPTIONS,
      clients,
      perRound,
      rounds,
      partition: 'dirichlet:0.5',
      bits,
      threads: availableParallelism(),
      seed: 1,
      quiet: true,
    };
    // Plain uploads: this measures quantization alone, secure aggregation is measured by bench:secagg.
    const report = await runSimulation({ ...options, secure: false });
    const last = report.rounds[report.rounds.length - 1];
    const perParam = report.rounds.map((r) => r.uplinkBytesPerParam ?? Number.NaN);
    rows.push({
      bits,
      finalAccuracy: last?.accuracy ?? Number.NaN,
      bestAccuracy: Math.max(...report.rounds.map((r) => r.accuracy ?? 0)),
      uplinkBytesPerParam: perParam.reduce((a, b) => a + b, 0) / perParam.length,
      accuracyDeltaPoints: 0,
      bytesRatioToFloat: 1,
      wallSeconds: report.summary.wallTimeMs / 1000,
      dataset: report.config.datasetUsed,
    });
    console.error(`bits ${bits}: final accuracy ${(100 * rows[rows.length - 1].finalAccuracy).toFixed(2)}%`);
  }
  const float = rows.find((r) => r.bits === 32) ?? rows[0];
  for (const row of rows) {
    row.accuracyDeltaPoints = 100 * (row.finalAccuracy - float.finalAccuracy);
    row.bytesRatioToFloat = row.uplinkBytesPerParam / float.uplinkBytesPerParam;
  }
  printTable(
    `bench:quant-accuracy  ${rows[0].dataset}, dirichlet:0.5, ${clients} clients, ${perRound} per round, ${rounds} rounds`,
    ['bits', 'final acc', 'best acc', 'vs float', 'B/param', 'vs float', 'wall s'],
    rows.map((row) => [
      String(row.bits),
      percentCell(row.finalAccuracy),
      percentCell(row.bestAccuracy),
      pointsCell(row.accuracyDeltaPoints),
      row.uplinkBytesPerParam.toFixed(3),
      `${row.bytesRatioToFloat.toFixed(3)}x`,
      row.wallSeconds.toFixed(0),
    ]),
  );
  writeJsonRows(flags.json, rows);
  process.exit(0);
}

void main();
