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
  --secure               secure aggregation, SecAgg+ (default): the coordinator sees only the sum
  --no-secure            plain FedAvg over individual (optionally quantized) uploads
  --bits B               quantization bits: 1-16 (default 8 when secure), or 32 for float (plain only; default then)
  --clip-range C         secure: weighted deltas are clipped to [-C, C] (default 0.05, ~2.5x the largest
                         delta of the reference model after one epoch of Adam at 0.002)
  --neighbours K         secure: neighbours per client on the SecAgg+ graph (default min(n-1, 2*ceil(log2 n)))
  --threshold T          secure: Shamir threshold, K/2 < T <= K (default floor(K/2) + 1)
  --weight-cap N         secure: weight = min(samples, N) / N (default: the largest client shard)
  --chunk-size N         values per quantization range (default 1024)
  --error-feedback       carry the quantization residual into the next round
  --round-timeout MS     reporting deadline per round (default 120000)
  --min-reports N        fewest reports that make a round (default: half the goal, at least 1)
  --dropout P            probability that a selected client vanishes mid-round, at a random stage when secure (default 0)
  --stragglers P         probability that a selected client reports after the deadline (default 0)
  --bad-actors P         fraction of clients that send corrupt updates (default 0)
  --backend B            auto | tensorflow | wasm | cpu (default auto, or env EDGEFL_BACKEND)
  --threads N            worker threads training clients; 1 runs all in one thread (default: cores)
  --input-size S         square input side of the procedural dataset (default 28)
  --widths A,B           separable conv widths (default 16,32)
  --coordinator URL      use a running coordinator instead of an embedded one
  --seed S               seed for data, partition, cohorts and faults (default 1)
  --out DIR              where report.json goes (default runs/sim)
  --light                load-test mode: clients return a fixed small synthetic update without
                         tfjs, no evaluation; defaults to synthetic data, --input-size 8 --widths 2,
                         8 samples per client
  --light-delay MS       how long a light client "trains" before it reports (default 0)
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
      secure: { type: 'boolean' },
      'no-secure': { type: 'boolean' },
      'clip-range': { type: 'string' },
      neighbours: { type: 'string' },
      threshold: { type: 'string' },
      'weight-cap': { type: 'string' },
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
      light: { type: 'boolean' },
      'light-delay': { type: 'string' },
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
  if (values.secure && values['no-secure']) throw new RangeError('--secure and --no-secure exclude each other');
  const secure = !values['no-secure'];
  const bits = int('bits', values.bits, secure ? 8 : 32, 1);
  if (bits > 16 && bits !== 32) throw new RangeError(`--bits must be 1-16 or 32, got ${bits}`);
  if (secure && bits > 16) {
    throw new RangeError(`--bits ${bits} does not work with secure aggregation (it sums integer levels of at most 16 bits): use --bits 1-16, or --no-secure for float32 uploads`);
  }
  const clipRange = values['clip-range'] === undefined ? 0.05 : Number(values['clip-range']);
  if (!(clipRange > 0 && Number.isFinite(clipRange))) throw new RangeError(`--clip-range must be a positive number, got ${values['clip-range']}`);
  const optionalInt = (name: string, text: string | undefined): number | undefined => (text === undefined ? undefined : int(name, text, 1, 1));
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
    secure,
    clipRange,
    neighbours: optionalInt('neighbours', values.neighbours),
    threshold: optionalInt('threshold', values.threshold),
    weightCap: optionalInt('weight-cap', values['weight-cap']),
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
    ...lightDefaults(values.light ?? false, int('light-delay', values['light-delay'], 0, 0), {
      dataset: values.dataset,
      inputSize: values['input-size'],
      widths,
      samplesPerClient: values['samples-per-client'],
    }),
  };
}

/** `--light` turns on a tiny synthetic setup unless the flags say otherwise. */
function lightDefaults(
  light: boolean,
  lightDelayMs: number,
  given: { dataset?: string; inputSize?: string; widths?: number[]; samplesPerClient?: string },
): Partial<SimulationOptions> {
  if (!light) return {};
  const overrides: Partial<SimulationOptions> = { light, lightDelayMs };
  if (given.dataset === undefined) overrides.dataset = 'synthetic';
  if (given.inputSize === undefined) overrides.inputSize = 8;
  if (given.widths === undefined) overrides.widths = [2];
  if (given.samplesPerClient === undefined) overrides.samplesPerClient = 8;
  return overrides;
}
