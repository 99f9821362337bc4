/**
 * Federated algorithms on non-IID data: the same secure 8-bit run (Fashion-MNIST when found, 50
 * clients, 10 per round, 30 rounds) under FedAvg, FedAvgM, FedAdam, FedYogi and FedProx, for
 * partitions `dirichlet:0.5` and `dirichlet:0.1`; final and best test accuracy, uplink and downlink
 * bytes per parameter per client, against FedAvg in the same run.
 *
 * Usage: npx tsx tools/bench/algorithms.ts [--json FILE] [--rounds N] [--clients N] [--per-round K]
 *   [--partitions dirichlet:0.5,dirichlet:0.1] [--configs fedavg,fedavgm,fedadam,fedyogi,fedprox]
 *   [--bits 8] [--downlink-bits 8|32] [--test-limit N] [--local-epochs E] [--learning-rate LR]
 *   [--lr-schedule constant|cosine] [--server-lr LR] [--proximal-mu MU] [--clip-range C] [--seed S]
 */
import { availableParallelism } from 'node:os';
import type { ServerOptimizerConfig } from '@edgefl/aggregation';
import { DEFAULT_COORDINATOR_CONFIG } from '@edgefl/coordinator';
import { DEFAULT_SIMULATION_OPTIONS, runSimulation } from '@edgefl/simulation';
import type { SimulationOptions } from '@edgefl/simulation';
import { fleetFlags, perRoundFlag, readBenchFlags } from './bench-flags';
import { percentCell, pointsCell, printTable, writeJsonRows } from './bench-output';

interface Row {
  partition: string;
  config: string;
  finalAccuracy: number;
  bestAccuracy: number;
  vsFedAvgPoints: number;
  uplinkBytesPerParam: number;
  downlinkBytesPerParam: number;
  /** Rounds after the first (clients then mostly hold a base): the steady state of the downlink. */
  downlinkSteadyBytesPerParam: number;
  downlinkBits: number;
  /** The last round's downlink: by then most selected clients hold a base. */
  downlinkLastRoundBytesPerParam: number;
  abandonedAttempts: number;
  /** Selected clients counted dropped over the completed rounds (no dropout is simulated: should be 0). */
  droppedClients: number;
  wallSeconds: number;
  rounds: number;
  dataset: string;
  /** What the run used: client training and the server step, so rows of separate runs can be told apart. */
  settings: {
    localEpochs: number;
    learningRate: number;
    lrSchedule: string;
    serverOptimizer: ServerOptimizerConfig;
    proximalMu: number;
    clipRange?: number;
  };
}

/** Each compared configuration: the server optimizer and the client's proximal term. */
const CONFIGS: Record<string, { serverOptimizer: ServerOptimizerConfig; proximalMu?: number }> = {
  fedavg: { serverOptimizer: { kind: 'fedavg' } },
  fedavgm: { serverOptimizer: { kind: 'fedavgm' } },
  fedadam: { serverOptimizer: { kind: 'fedadam' } },
  fedyogi: { serverOptimizer: { kind: 'fedyogi' } },
  fedadagrad: { serverOptimizer: { kind: 'fedadagrad' } },
  fedprox: { serverOptimizer: { kind: 'fedavg' }, proximalMu: 0.01 },
};

async function main(): Promise<void> {
  const flags = readBenchFlags(
    'algorithms',
    'Federated algorithms on non-IID data: final and best accuracy, uplink and downlink bytes per parameter, against FedAvg in the same run.',
    {
      ...fleetFlags({ clients: 50, rounds: 30 }),
      'per-round': perRoundFlag(10),
      partitions: { kind: 'strings', default: ['dirichlet:0.5', 'dirichlet:0.1'], help: 'data partitions' },
      configs: {
        kind: 'strings',
        default: ['fedavg', 'fedavgm', 'fedadam', 'fedyogi', 'fedprox'],
        help: `configurations, of ${Object.keys(CONFIGS).join(', ')}`,
      },
      bits: { kind: 'integer', min: 1, max: 32, default: 8, help: 'uplink quantization bits' },
      'downlink-bits': { kind: 'integer', min: 1, max: 32, default: 8, help: 'downlink bits (32: float32)' },
      'test-limit': { kind: 'integer', min: 1, default: 10000, help: 'test examples evaluated' },
      'local-epochs': { kind: 'integer', min: 1, help: 'local epochs (default: the simulator default)' },
      'learning-rate': {
        kind: 'number',
        below: Infinity,
        min: 0,
        help: 'client learning rate (default: the simulator default)',
      },
      'lr-schedule': {
        kind: 'choice',
        values: ['constant', 'cosine'],
        help: "clients' learning rate across rounds (default: the simulator default)",
      },
      'server-lr': {
        kind: 'number',
        below: Infinity,
        min: 0,
        help: "every configuration's server learning rate (default: each optimizer's own)",
      },
      'proximal-mu': { kind: 'number', below: Infinity, min: 0, help: "fedprox's mu (default 0.01)" },
      'clip-range': {
        kind: 'number',
        below: Infinity,
        min: 0,
        help: 'secure clip range of the weighted deltas (default: the simulator default)',
      },
      seed: { kind: 'integer', min: 0, default: 1, help: 'seed of data, partition and clients' },
    },
  );
  const { rounds, clients, bits, seed, partitions, configs: names } = flags;
  const perRound = flags['per-round'];
  const downlinkBits = flags['downlink-bits'];
  const testLimit = flags['test-limit'];
  const overrides: Partial<SimulationOptions> = {};
  if (flags['local-epochs'] !== undefined) overrides.localEpochs = flags['local-epochs'];
  if (flags['learning-rate'] !== undefined) overrides.learningRate = flags['learning-rate'];
  if (flags['lr-schedule'] !== undefined) overrides.learningRateSchedule = { kind: flags['lr-schedule'] };
  if (flags['clip-range'] !== undefined) overrides.clipRange = flags['clip-range'];
  const serverLr = flags['server-lr'];
  const proximalMu = flags['proximal-mu'];
  for (const name of names)
    if (!CONFIGS[name]) throw new RangeError(`--configs: unknown ${name}; known: ${Object.keys(CONFIGS).join(', ')}`);
  const rows: Row[] = [];
  for (const partition of partitions) {
    for (const name of names) {
      const chosen = CONFIGS[name];
      const options: SimulationOptions = {
        ...DEFAULT_SIMULATION_OPTIONS,
        clients,
        perRound,
        rounds,
        partition,
        bits,
        secure: true,
        testLimit,
        threads: availableParallelism(),
        seed,
        quiet: true,
        downlink: downlinkBits === 32 ? false : { bits: downlinkBits, maxLag: 30 },
        // A shared, loaded machine must not abandon rounds: generous deadlines (stage deadlines follow at 1/4).
        roundTimeoutMs: 600_000,
        ...overrides,
        serverOptimizer:
          serverLr === undefined ? chosen.serverOptimizer : { ...chosen.serverOptimizer, learningRate: serverLr },
        ...(chosen.proximalMu === undefined ? {} : { proximalMu: proximalMu ?? chosen.proximalMu }),
      };
      const report = await runSimulation(options, {
        onRound: (row) =>
          console.error(
            `${partition} ${name}: round ${row.round} accuracy ${(100 * (row.accuracy ?? 0)).toFixed(2)}% in ${(row.durationMs / 1000).toFixed(0)} s`,
          ),
      });
      const completed = report.attempts.filter((a) => a.outcome === 'completed');
      const selected = completed.reduce((n, a) => n + a.selected, 0);
      const downlink = completed.reduce((n, a) => n + a.bytesDown, 0) / (selected * report.modelParams);
      const later = completed.filter((a) => a.round > 1);
      const steady =
        later.reduce((n, a) => n + a.bytesDown, 0) / (later.reduce((n, a) => n + a.selected, 0) * report.modelParams);
      const row: Row = {
        partition,
        config: name,
        finalAccuracy: report.summary.finalAccuracy ?? Number.NaN,
        bestAccuracy: Math.max(...report.rounds.map((r) => r.accuracy ?? 0)),
        vsFedAvgPoints: 0,
        uplinkBytesPerParam: report.summary.bytesUpPerParameter ?? Number.NaN,
        downlinkBytesPerParam: downlink,
        downlinkSteadyBytesPerParam: steady,
        downlinkBits,
        downlinkLastRoundBytesPerParam:
          completed.length > 0
            ? completed[completed.length - 1].bytesDown /
              (completed[completed.length - 1].selected * report.modelParams)
            : Number.NaN,
        abandonedAttempts: report.attempts.length - completed.length,
        droppedClients: report.rounds.reduce((n, r) => n + r.dropped, 0),
        wallSeconds: report.summary.wallTimeMs / 1000,
        rounds: report.rounds.length,
        dataset: report.config.datasetUsed,
        settings: {
          localEpochs: options.localEpochs,
          learningRate: options.learningRate,
          lrSchedule: (options.learningRateSchedule ?? DEFAULT_COORDINATOR_CONFIG.learningRateSchedule).kind,
          serverOptimizer: options.serverOptimizer ?? { kind: 'fedavg' },
          proximalMu: options.proximalMu ?? 0,
          clipRange: options.clipRange,
        },
      };
      rows.push(row);
      console.error(
        `${partition} ${name}: final ${(100 * row.finalAccuracy).toFixed(2)}% best ${(100 * row.bestAccuracy).toFixed(2)}%, ${row.droppedClients} dropped, in ${row.wallSeconds.toFixed(0)} s`,
      );
      writeJsonRows(flags.json, rows);
    }
  }
  for (const row of rows) {
    const baseline = rows.find((r) => r.partition === row.partition && r.config === 'fedavg');
    row.vsFedAvgPoints = baseline ? 100 * (row.finalAccuracy - baseline.finalAccuracy) : Number.NaN;
  }
  printTable(
    `bench:algorithms  ${rows[0]?.dataset}, ${clients} clients, ${perRound} per round, ${rounds} rounds, secure ${bits}-bit up, ${downlinkBits === 32 ? 'float32' : `${downlinkBits}-bit`} down`,
    [
      'partition',
      'config',
      'final acc',
      'best acc',
      'vs fedavg',
      'up B/param',
      'down B/param',
      'down >r1',
      'down last',
      'dropped',
      'wall s',
    ],
    rows.map((row) => [
      row.partition,
      row.config,
      percentCell(row.finalAccuracy),
      percentCell(row.bestAccuracy),
      pointsCell(row.vsFedAvgPoints),
      row.uplinkBytesPerParam.toFixed(3),
      row.downlinkBytesPerParam.toFixed(3),
      row.downlinkSteadyBytesPerParam.toFixed(3),
      row.downlinkLastRoundBytesPerParam.toFixed(3),
      String(row.droppedClients),
      row.wallSeconds.toFixed(0),
    ]),
    14,
  );
  writeJsonRows(flags.json, rows);
  process.exit(0);
}

void main();
