import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import {
  downlinkHelp,
  DP_FLAGS_HELP,
  FlagReader,
  localTrainingHelp,
  PRUNING_FLAGS_HELP,
  readDownlinkFlags,
  readDpFlags,
  readLocalTrainingFlags,
  readPruningFlags,
  readServerOptimizerFlags,
  readUpdateDefenceFlags,
  readUpdateEncodingFlags,
  SERVER_OPTIMIZER_HELP,
  SHARED_FLAG_OPTIONS,
  UPDATE_DEFENCE_HELP,
} from '@edgefl/cli-flags';
import type { SimulationOptions } from '@edgefl/simulation';
import { DEFAULT_COORDINATOR_CONFIG, updateEncodingDefaults } from '@edgefl/coordinator';

/** Defaults shared with edgefl-coordinator and `new Coordinator()`, read off the library's one definition. */
const D = DEFAULT_COORDINATOR_CONFIG;
const ENCODING = updateEncodingDefaults();

export const SIMULATION_HELP = `edgefl-sim: run simulated EdgeFL clients against a real coordinator over loopback sockets.

Usage: edgefl-sim [flags]

  --clients N            simulated clients (default 20)
  --per-round K          reports wanted per round, the goal count (default ${D.clientsPerRound})
  --rounds R             rounds to complete (default ${D.rounds})
  --dataset D            fashion-mnist | synthetic | auto (default auto: Fashion-MNIST when found)
  --data-dir DIR         Fashion-MNIST directory (else env EDGEFL_DATA, else /usr/share/datasets/fashion-mnist)
  --partition P          iid | dirichlet:<alpha> | shards:<k> (default iid)
  --samples-per-client N examples per client, 0 = split the whole training set (default 0)
  --test-limit N         held-out examples the coordinator evaluates on (default 10000)
  --local-epochs E       local epochs per round (default ${D.training.epochs})
  --batch-size B         local batch size (default ${D.training.batchSize})
  --learning-rate LR     local learning rate (default ${D.training.learningRate})
  --optimizer O          adam | sgd (default ${D.training.optimizer})
${localTrainingHelp(D.learningRateSchedule.kind)}  --secure               secure aggregation, SecAgg+${ENCODING.secure ? ' (default)' : ''}: the coordinator sees only the sum
  --no-secure            plain FedAvg over individual (optionally quantized) uploads${ENCODING.secure ? '' : ' (default)'}
  --bits B               quantization bits: 1-16 (default ${ENCODING.secureBits} when secure), or 32 for float (plain only; default ${ENCODING.plainBits} then)
  --clip-range C         secure: weighted deltas are clipped to [-C, C] (default ${ENCODING.clipRange}: the reference model's
                         weights move by up to about 0.165, 5% of them by more than 0.1, in round 1's 3 epochs of
                         Adam at 0.002)
  --neighbours K         secure: neighbours per client on the SecAgg+ graph (default: chosen per round from n and
                         --expected-dropout so that a round fails with probability <= 1e-6, e.g. 74 at n = 100)
  --threshold T          secure: Shamir threshold, K/2 < T <= K (default: chosen with K, floor(K/2) + 1 without colluders)
  --expected-dropout P   secure: declared chance that a selected client drops out of a round (default ${ENCODING.expectedDropout})
  --corrupted-fraction G secure: fraction of clients that may collude with the coordinator (default ${ENCODING.corruptedFraction})
  --weight-cap N         a client's weight is min(samples, N): secure rounds min(samples, N) / N, plain
                         rounds the FedAvg weight (default: the largest client shard)
${UPDATE_DEFENCE_HELP}${SERVER_OPTIMIZER_HELP}${downlinkHelp(D.downlink ? D.downlink.bits : 32)}  --chunk-size N         values per quantization range (default ${ENCODING.chunkSize})
  --error-feedback       carry the quantization residual into the next round
${DP_FLAGS_HELP} (default: --clients)
  --round-timeout MS     reporting deadline per round for each simulated device: an embedded coordinator waits
                         MS x the clients one worker thread trains in turn (default ${D.roundTimeoutMs})
  --min-reports N        fewest reports that make a round (default: half the goal, at least 1)
  --dropout P            probability that a selected client vanishes mid-round, at a random stage when secure (default 0)
  --stragglers P         probability that a selected client reports after the deadline (default 0)
  --bad-actors P         fraction of clients that send corrupt updates (default 0)
  --backend B            auto | tensorflow | wasm | cpu (default auto, or env EDGEFL_BACKEND)
  --threads N            worker threads training clients; 1 runs all in one thread (default: cores)
  --input-size S         square input side: of the procedural dataset, or Fashion-MNIST resampled (default 28)
  --widths A,B           separable conv widths (default 16,32)
  --coordinator URL      use a running coordinator instead of an embedded one (the report follows its /dashboard feed);
                         several nodes of one run as URL1,URL2,...: clients are spread over them round-robin
                         and fail over to the others when theirs goes down (the report follows the first)
  --coordinator-process  run the embedded coordinator in a process of its own, so that this one holds only
                         the clients' socket ends (default: when both ends of every socket would not fit
                         the open-file limit, ulimit -n; the dashboard is then not served)
  --seed S               seed for data, partition, cohorts and faults (default 1)
${PRUNING_FLAGS_HELP}  --out DIR              where report.json, report.html and the deployment artifacts of the final
                         model (DIR/model/: TF.js, ONNX, TFLite, sparse .efls, deployment.json) go (default runs/sim)
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
      ...SHARED_FLAG_OPTIONS,
      clients: { type: 'string' },
      dataset: { type: 'string' },
      partition: { type: 'string' },
      'samples-per-client': { type: 'string' },
      'error-feedback': { type: 'boolean' },
      dropout: { type: 'string' },
      stragglers: { type: 'string' },
      'bad-actors': { type: 'string' },
      threads: { type: 'string' },
      coordinator: { type: 'string' },
      out: { type: 'string' },
      quiet: { type: 'boolean' },
      light: { type: 'boolean' },
      'coordinator-process': { type: 'boolean' },
      'light-delay': { type: 'string' },
    },
  });
  if (values.help) return 'help';
  const flags = new FlagReader((name) => {
    const value = (values as Record<string, string | boolean | undefined>)[name];
    return typeof value === 'string' ? value : undefined;
  });
  const { secure, bits, clipRange } = readUpdateEncodingFlags(
    flags,
    { secure: values.secure, noSecure: values['no-secure'] },
    ENCODING,
  );
  const widths = flags.integerList('widths', 1);
  const clients = flags.integer('clients', { min: 1, fallback: 20 });
  const dp = readDpFlags(flags, { population: clients });
  const { aggregator, maxUpdateNorm } = readUpdateDefenceFlags(flags, { secure });
  const localTraining = readLocalTrainingFlags(flags, D.learningRateSchedule.kind);
  return {
    aggregator,
    serverOptimizer: readServerOptimizerFlags(flags),
    learningRateSchedule: localTraining.schedule,
    downlink: readDownlinkFlags(flags, D.downlink ? D.downlink.bits : 32) ?? false,
    ...(localTraining.steps === undefined ? {} : { localSteps: localTraining.steps }),
    ...(localTraining.proximalMu === undefined ? {} : { proximalMu: localTraining.proximalMu }),
    ...(maxUpdateNorm === undefined ? {} : { maxUpdateNorm }),
    clients,
    ...(dp && { dp }),
    perRound: flags.integer('per-round', { min: 1, fallback: D.clientsPerRound }),
    rounds: flags.integer('rounds', { min: 1, fallback: D.rounds }),
    dataset: flags.choice('dataset', ['auto', 'fashion-mnist', 'synthetic'] as const, 'auto'),
    dataDir: values['data-dir'],
    partition: values.partition ?? 'iid',
    samplesPerClient: flags.integer('samples-per-client', { min: 0, fallback: 0 }),
    testLimit: flags.integer('test-limit', { min: 1, fallback: 10_000 }),
    localEpochs: flags.integer('local-epochs', { min: 1, fallback: D.training.epochs }),
    batchSize: flags.integer('batch-size', { min: 1, fallback: D.training.batchSize }),
    learningRate: flags.number('learning-rate', { positive: true, fallback: D.training.learningRate }),
    optimizer: flags.choice('optimizer', ['adam', 'sgd'] as const, D.training.optimizer),
    bits,
    secure,
    clipRange,
    neighbours: flags.integer('neighbours', { min: 1 }),
    threshold: flags.integer('threshold', { min: 1 }),
    expectedDropout: flags.probability('expected-dropout', ENCODING.expectedDropout),
    corruptedFraction: flags.probability('corrupted-fraction', ENCODING.corruptedFraction),
    weightCap: flags.integer('weight-cap', { min: 1 }),
    chunkSize: flags.integer('chunk-size', { min: 1, fallback: ENCODING.chunkSize }),
    errorFeedback: values['error-feedback'] ?? false,
    roundTimeoutMs: flags.integer('round-timeout', { min: 1, fallback: D.roundTimeoutMs }),
    minReports: flags.integer('min-reports', { min: 1 }),
    dropout: flags.probability('dropout'),
    stragglers: flags.probability('stragglers'),
    badActors: flags.probability('bad-actors'),
    backend: flags.choice('backend', ['auto', 'tensorflow', 'wasm', 'cpu'] as const, 'auto'),
    threads: flags.integer('threads', { min: 1, fallback: availableParallelism() }),
    inputSize: flags.integer('input-size', { min: 4 }),
    widths,
    seed: flags.integer('seed', { min: 0, fallback: 1 }),
    pruning: readPruningFlags(flags),
    out: values.out ?? 'runs/sim',
    ...coordinatorUrls(values.coordinator),
    ...(values['coordinator-process'] ? { coordinatorProcess: true } : {}),
    quiet: values.quiet ?? false,
    ...lightDefaults(values.light ?? false, flags.integer('light-delay', { min: 0, fallback: 0 }), {
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

/** `--coordinator URL1,URL2,...`: the first URL (whose feed the report follows) and, for several, every node. */
function coordinatorUrls(text: string | undefined): Pick<SimulationOptions, 'coordinator' | 'coordinatorNodes'> {
  if (text === undefined) return {};
  const urls = text.split(',').map((url) => url.trim());
  for (const url of urls) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
      throw new RangeError(`--coordinator: ${JSON.stringify(url)} is not an http:// or https:// URL`);
  }
  if (new Set(urls).size !== urls.length) throw new RangeError(`--coordinator names a node twice: ${text}`);
  return urls.length === 1 ? { coordinator: urls[0] } : { coordinator: urls[0], coordinatorNodes: urls };
}
