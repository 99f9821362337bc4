import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import type { SimulationOptions } from '@edgefl/simulation';

export const SIMULATION_HELP = `edgefl-sim: run simulated EdgeFL clients against a real coordinator over loopback sockets.

Usage: edgefl-sim [flags]

  --clients N            simulated clients (default 20)
  --per-round K          reports wanted per round, the goal count (default 10)
  --rounds R             rounds to complete (default 10)
  --dataset D            fashion-mnist | synthetic | auto (default auto: Fashion-MNIST when found)
  --data-dir DIR         Fashion-MNIST directory (else env EDGEFL_DATA, else /usr/share/datasets/fashion-mnist)
  --partition P          iid | dirichlet:<alpha> | shards:<k> (default iid)
  --samples-per-client N examples per client, 0 = split the whole training set (default 0)
  --test-limit N         held-out examples the coordinator evaluates on (default 10000)
  --local-epochs E       local epochs per round (default 1)
  --batch-size B         local batch size (default 32)
  --learning-rate LR     local learning rate (default 0.002)
  --optimizer O          adam | sgd (default adam)
  --bits B               update quantization bits, 1-16, or 32 for float (default 32)
  --chunk-size N         values per quantization range (default 1024)
  --error-feedback       carry the quantization residual into the next round
  --round-timeout MS     reporting deadline per round (default 120000)
  --min-reports N        fewest reports that make a round (default: half the goal, at least 1)
  --dropout P            probability that a selected client vanishes mid-round (default 0)
  --stragglers P         probability that a selected client reports after the deadline (default 0)
  --bad-actors P         fraction of clients that send corrupt updates (default 0)
  --backend B            auto | tensorflow | wasm | cpu (default auto, or env EDGEFL_BACKEND)
  --threads N            worker threads training clients; 1 runs all in one thread (default: cores)
  --input-size S         square input side of the procedural dataset (default 28)
  --widths A,B           separable conv widths (default 16,32)
  --coordinator URL      use a running coordinator instead of an embedded one
  --seed S               seed for data, partition, cohorts and faults (default 1)
  --out DIR              where report.json goes (default runs/sim)
  --quiet                print only the summary
  --help                 this text
`;

/**
 * Parses command-line flags, naming the bad one in the error.
 *
 * @example
 * parseSimulationArgs(['--clients', '8', '--rounds', '3']);
 */
export function parseSimulationArgs(argv: string[]): SimulationOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      clients: { type: 'string' },
      'per-round': { type: 'string' },
      rounds: { type: 'string' },
      dataset: { type: 'string' },
      'data-dir': { type: 'string' },
      partition: { type: 'string' },
      'samples-per-client': { type: 'string' },
      'test-limit': { type: 'string' },
      'local-epochs': { type: 'string' },
      'batch-size': { type: 'string' },
      'learning-rate': { type: 'string' },
      optimizer: { type: 'string' },
      bits: { type: 'string' },
      'chunk-size': { type: 'string' },
      'error-feedback': { type: 'boolean' },
      'round-timeout': { type: 'string' },
      'min-reports': { type: 'string' },
      dropout: { type: 'string' },
      stragglers: { type: 'string' },
      'bad-actors': { type: 'string' },
      backend: { type: 'string' },
      threads: { type: 'string' },
      'input-size': { type: 'string' },
      widths: { type: 'string' },
      coordinator: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const int = (name: string, text: string | undefined, fallback: number, min: number): number => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) throw new RangeError(`--${name} must be an integer >= ${min}, got ${text}`);
    return value;
  };
  const probability = (name: string, text: string | undefined): number => {
    if (text === undefined) return 0;
    const value = Number(text);
    if (!(value >= 0 && value <= 1)) throw new RangeError(`--${name} must be a probability in [0, 1], got ${text}`);
    return value;
  };
  const oneOf = <T extends string>(name: string, text: string | undefined, allowed: readonly T[], fallback: T): T => {
    if (text === undefined) return fallback;
    if (!allowed.includes(text as T)) throw new RangeError(`--${name} must be one of ${allowed.join(', ')}, got ${text}`);
    return text as T;
  };
  const bits = int('bits', values.bits, 32, 1);
  if (bits > 16 && bits !== 32) throw new RangeError(`--bits must be 1-16 or 32, got ${bits}`);
  const learningRate = values['learning-rate'] === undefined ? 0.002 : Number(values['learning-rate']);
  if (!(learningRate > 0)) throw new RangeError(`--learning-rate must be a positive number, got ${values['learning-rate']}`);
  const widths = values.widths?.split(',').map((w) => int('widths', w, 0, 1));
  const perRound = int('per-round', values['per-round'], 10, 1);
  return {
    clients: int('clients', values.clients, 20, 1),
    perRound,
    rounds: int('rounds', values.rounds, 10, 1),
    dataset: oneOf('dataset', values.dataset, ['auto', 'fashion-mnist', 'synthetic'] as const, 'auto'),
    dataDir: values['data-dir'],
    partition: values.partition ?? 'iid',
    samplesPerClient: int('samples-per-client', values['samples-per-client'], 0, 0),
    testLimit: int('test-limit', values['test-limit'], 10_000, 1),
    localEpochs: int('local-epochs', values['local-epochs'], 1, 1),
    batchSize: int('batch-size', values['batch-size'], 32, 1),
    learningRate,
    optimizer: oneOf('optimizer', values.optimizer, ['adam', 'sgd'] as const, 'adam'),
    bits,
    chunkSize: int('chunk-size', values['chunk-size'], 1024, 1),
    errorFeedback: values['error-feedback'] ?? false,
    roundTimeoutMs: int('round-timeout', values['round-timeout'], 120_000, 1),
    minReports: values['min-reports'] === undefined ? undefined : int('min-reports', values['min-reports'], 1, 1),
    dropout: probability('dropout', values.dropout),
    stragglers: probability('stragglers', values.stragglers),
    badActors: probability('bad-actors', values['bad-actors']),
    backend: oneOf('backend', values.backend, ['auto', 'tensorflow', 'wasm', 'cpu'] as const, 'auto'),
    threads: int('threads', values.threads, availableParallelism(), 1),
    inputSize: values['input-size'] === undefined ? undefined : int('input-size', values['input-size'], 28, 4),
    widths,
    seed: int('seed', values.seed, 1, 0),
    out: values.out ?? 'runs/sim',
    coordinator: values.coordinator,
    quiet: values.quiet ?? false,
  };
}
