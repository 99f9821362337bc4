/**
 * What client-level DP costs in accuracy and bits (issue 13): the same secure federated run
 * (Fashion-MNIST when found, IID, `--clients` clients of `--samples` examples, `--per-round` per
 * round, secure 8-bit SecAgg+) without DP (epsilon = inf) and with the distributed discrete
 * Gaussian at each epsilon in `--epsilons`, delta `--delta`, over `--rounds` rounds, the noise
 * multiplier solved ahead of the run. Reports final and best test accuracy, the points lost
 * against the non-private run of the same rounds, bits per coordinate of the masked sum (m, and
 * m * padded / P with the Hadamard padding) and measured uplink bytes per parameter per client.
 *
 * The DP noise is sized for `--min-reports` survivors (default 80% of `--per-round`: a Poisson
 * cohort of mean 100 from 1,000 falls below 80 with probability 1.3%, and that attempt is redrawn);
 * SecAgg+ chooses k and t for `--expected-dropout` (default 0.05: the simulated clients do not drop;
 * at the coordinator's 0.2 a cohort of 100 gets k = 74 neighbours, four times the key agreement).
 * The run starts once all `--clients` are connected (q is planned with them).
 *
 * Usage: npm run bench:dp -- [--json FILE] [--clients 1000] [--samples 60] [--per-round 100]
 *        [--rounds 30] [--epsilons inf,8,4,2] [--delta 1e-5] [--clip 0.4] [--bits 8] [--threads N]
 *        [--local-epochs 1] [--min-reports N] [--expected-dropout 0.05]
 *        [--round-timeout MS (600000: a loaded machine trains 100 clients slowly)]
 * Small: npm run bench:dp -- --clients 200 --per-round 20 --rounds 3 --epsilons inf,8
 */
import { availableParallelism } from 'node:os';
import type { CoordinatorLogger } from '@edgefl/coordinator';
import { DEFAULT_SIMULATION_OPTIONS, runSimulation } from '@edgefl/simulation';
import type { SimulationOptions } from '@edgefl/simulation';
import { fleetFlags, perRoundFlag, readBenchFlags, samplesFlag } from './bench-flags';
import { percentCell, pointsCell, printTable, writeJsonRows } from './bench-output';

interface Row {
  epsilon: number | 'inf';
  noiseMultiplier: number | null;
  epsilonSpent: number | null;
  roundsCompleted: number;
  finalAccuracy: number;
  bestAccuracy: number;
  accuracyDeltaPoints: number;
  /** m: bits per coordinate of the masked vector (mean over rounds). */
  modulusBits: number;
  /** m * (uploaded coordinates) / P: bits per model parameter of the masked upload. */
  bitsPerParameter: number;
  uplinkBytesPerParam: number;
  wallSeconds: number;
  dataset: string;
}

function recordingLogger(modulus: Array<{ modulusBits: number; vectorLength?: number }>): CoordinatorLogger {
  const none = (): void => undefined;
  return {
    debug: none,
    warn: none,
    error: none,
    info: (fields, message) => {
      if (message === 'secure round configured' && typeof fields.modulusBits === 'number')
        modulus.push({ modulusBits: fields.modulusBits, vectorLength: fields.vectorLength as number | undefined });
    },
  };
}

async function main(): Promise<void> {
  const flags = readBenchFlags(
    'dp',
    'What client-level DP (distributed discrete Gaussian under SecAgg+) costs in accuracy and bits, against the non-private run of the same rounds.',
    {
      ...fleetFlags({ clients: 1000, rounds: 30 }),
      samples: samplesFlag(60),
      'per-round': perRoundFlag(100),
      epsilons: {
        kind: 'numbers',
        min: 0,
        infinity: true,
        default: [Infinity, 8, 4, 2],
        help: 'privacy budgets (inf: no DP)',
      },
      delta: { kind: 'number', min: 0, below: 1, default: 1e-5, help: 'DP delta' },
      clip: {
        kind: 'number',
        min: 0,
        default: 0.4,
        help: 'L2 clip of each update (about the median update norm, measured)',
      },
      bits: { kind: 'integer', min: 1, max: 32, default: 8, help: 'quantization bits' },
      'local-epochs': { kind: 'integer', min: 1, default: 1, help: 'local epochs per round' },
      'min-reports': {
        kind: 'integer',
        min: 1,
        help: 'fewest masked inputs a round accepts; the DP noise is sized for them (default 80% of --per-round)',
      },
      'expected-dropout': {
        kind: 'number',
        min: 0,
        below: 0.5,
        default: 0.05,
        help: 'the dropout rate SecAgg+ chooses k and t for (the simulated clients do not drop)',
      },
      threads: { kind: 'integer', min: 1, default: availableParallelism(), help: 'worker threads' },
      'round-timeout': {
        kind: 'integer',
        min: 1,
        default: 600000,
        help: 'round deadline in ms (a loaded machine trains 100 clients slowly)',
      },
    },
  );
  const { clients, samples, rounds, delta, clip, bits, threads, epsilons } = flags;
  const perRound = flags['per-round'];
  const minReports = flags['min-reports'] ?? Math.max(2, Math.ceil(0.8 * perRound));
  const roundTimeoutMs = flags['round-timeout'];
  const rows: Row[] = [];
  for (const epsilon of epsilons) {
    const options: SimulationOptions = {
      ...DEFAULT_SIMULATION_OPTIONS,
      clients,
      samplesPerClient: samples,
      perRound,
      rounds,
      partition: 'iid',
      secure: true,
      bits,
      threads,
      seed: 1,
      quiet: true,
      minReports,
      localEpochs: flags['local-epochs'],
      expectedDropout: flags['expected-dropout'],
      roundTimeoutMs,
      // q = per-round / clients is planned with the whole population: start only once it is connected.
      connectWaitMs: 600_000,
      ...(Number.isFinite(epsilon) && { dp: { clip, epsilon, delta, population: clients } }),
    };
    const modulus: Array<{ modulusBits: number; vectorLength?: number }> = [];
    const report = await runSimulation(options, {
      logger: recordingLogger(modulus),
      onRound: (row) =>
        console.error(
          `epsilon ${epsilon}: round ${row.round} accuracy ${(100 * (row.accuracy ?? 0)).toFixed(2)}% in ${(row.durationMs / 1000).toFixed(0)} s${row.epsilon === undefined ? '' : `, epsilon spent ${row.epsilon.toFixed(3)}`}`,
        ),
      onAbandoned: (record) =>
        console.error(
          `epsilon ${epsilon}: round ${record.round} attempt ${record.attempt} abandoned: ${record.reason ?? 'no reason'}`,
        ),
    });
    const last = report.rounds[report.rounds.length - 1];
    const modelParams = report.modelParams;
    const meanBits = modulus.reduce((n, m) => n + m.modulusBits, 0) / Math.max(1, modulus.length);
    const meanLength =
      modulus.reduce((n, m) => n + (m.vectorLength ?? modelParams + 1), 0) / Math.max(1, modulus.length);
    const dp = report.config.dp as { noiseMultiplier?: number } | undefined;
    rows.push({
      epsilon: Number.isFinite(epsilon) ? epsilon : 'inf',
      noiseMultiplier: dp?.noiseMultiplier ?? null,
      epsilonSpent: report.summary.epsilon ?? null,
      roundsCompleted: report.summary.roundsCompleted,
      finalAccuracy: last?.accuracy ?? Number.NaN,
      bestAccuracy: Math.max(...report.rounds.map((r) => r.accuracy ?? 0)),
      accuracyDeltaPoints: 0,
      modulusBits: meanBits,
      bitsPerParameter: (meanBits * meanLength) / modelParams,
      uplinkBytesPerParam: report.summary.bytesUpPerParameter ?? Number.NaN,
      wallSeconds: report.summary.wallTimeMs / 1000,
      dataset: report.config.datasetUsed,
    });
    console.error(
      `epsilon ${epsilon}: final accuracy ${(100 * rows[rows.length - 1].finalAccuracy).toFixed(2)}% after ${report.summary.roundsCompleted} rounds`,
    );
  }
  const base = rows.find((r) => r.epsilon === 'inf') ?? rows[0];
  for (const row of rows) row.accuracyDeltaPoints = 100 * (row.finalAccuracy - base.finalAccuracy);
  printTable(
    `bench:dp  ${rows[0].dataset}, iid, ${clients} clients x ${samples} examples, ${perRound} per round, ${rounds} rounds, secure ${bits}-bit, clip ${clip}, delta ${delta}`,
    ['epsilon', 'z', 'eps spent', 'final acc', 'best acc', 'vs inf', 'm bits', 'bits/param', 'B/param up', 'wall s'],
    rows.map((row) => [
      String(row.epsilon),
      row.noiseMultiplier === null ? '-' : row.noiseMultiplier.toFixed(3),
      row.epsilonSpent === null ? '-' : row.epsilonSpent.toFixed(3),
      percentCell(row.finalAccuracy),
      percentCell(row.bestAccuracy),
      pointsCell(row.accuracyDeltaPoints),
      row.modulusBits.toFixed(1),
      row.bitsPerParameter.toFixed(1),
      row.uplinkBytesPerParam.toFixed(3),
      row.wallSeconds.toFixed(0),
    ]),
  );
  writeJsonRows(flags.json, rows);
  process.exit(0);
}

void main();
