import type { AggregatorConfig, LearningRateSchedule, ServerOptimizerConfig } from '@edgefl/aggregation';
import type { DpOptions } from '@edgefl/privacy';
import { DEFAULT_COORDINATOR_CONFIG, updateEncodingDefaults } from '@edgefl/coordinator';

import type { PruningSchedule } from '@edgefl/aggregation';
/** Everything a simulation run is configured by; `edgefl-sim --help` describes each field. */
export interface SimulationOptions {
  clients: number;
  perRound: number;
  rounds: number;
  dataset: 'auto' | 'fashion-mnist' | 'synthetic';
  dataDir?: string;
  partition: string;
  localEpochs: number;
  batchSize: number;
  learningRate: number;
  optimizer: 'sgd' | 'adam';
  /** Examples per client; 0 splits the whole training set. */
  samplesPerClient: number;
  testLimit: number;
  seed: number;
  out: string;
  coordinator?: string;
  /**
   * Every node of a running coordinator (`--coordinator URL1,URL2,...`): clients are spread over
   * them round-robin; `coordinator` is the first, whose feed the report follows.
   */
  coordinatorNodes?: readonly string[];
  /** Quantization bits: the plain upload's encoding (32 = float), or the secure round's grid (1-16). */
  bits: number;
  /** Secure aggregation (SecAgg+): the coordinator only learns the sum of the masked, quantized updates. Absent: plain. */
  secure?: boolean;
  /** Secure rounds: neighbours k per client (default: chosen from n, expectedDropout and corruptedFraction). */
  neighbours?: number;
  /** Secure rounds: Shamir threshold t, k/2 < t <= k (default: chosen with k). */
  threshold?: number;
  /** Secure rounds: the declared dropout rate k and t are chosen for (default 0.2). */
  expectedDropout?: number;
  /** Secure rounds: the corruption bound k and t are chosen for (default 0). */
  corruptedFraction?: number;
  /** Secure rounds: weighted deltas are clipped to [-clipRange, clipRange] before quantization. */
  clipRange?: number;
  /** Weights are min(n_k, weightCap) (secure rounds: divided by weightCap); default the largest client shard. */
  weightCap?: number;
  /** Plain rounds: how updates are combined (robust aggregators refuse secure rounds); default fedavg. */
  aggregator?: AggregatorConfig;
  /** The server step on each round's aggregate (plain and secure); default the coordinator's (fedavg). */
  serverOptimizer?: ServerOptimizerConfig;
  /** Local work as minibatch steps per round instead of `localEpochs` passes. */
  localSteps?: number;
  /** FedProx's mu (absent or 0: plain FedAvg clients). */
  proximalMu?: number;
  /** The clients' learning rate across rounds; absent: the coordinator's default (cosine). */
  learningRateSchedule?: LearningRateSchedule;
  /**
   * Downlink compression (quantized model deltas to clients that hold an earlier model); absent: the
   * coordinator's default (8 bits); `false`: float32 models in every task.
   */
  downlink?: { bits: number; maxLag: number } | false;
  /** Plain rounds: L2 bound per update (null: off); default the coordinator's (10). */
  maxUpdateNorm?: number | null;
  chunkSize: number;
  errorFeedback: boolean;
  roundTimeoutMs: number;
  minReports?: number;
  dropout: number;
  stragglers: number;
  badActors: number;
  backend: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
  threads: number;
  inputSize?: number;
  widths?: number[];
  quiet: boolean;
  /** Load-test mode: clients run the LightTrainer (no tfjs) and the coordinator evaluates nothing. */
  light?: boolean;
  /** Client-level DP (docs/PRIVACY.md): central in plain rounds, distributed inside secure rounds. Absent: no DP. */
  dp?: DpOptions;
  /** How long an embedded coordinator waits for every client before it starts with those connected (default 60 s). */
  connectWaitMs?: number;
  /** The light trainer's delay before it reports, in ms. */
  lightDelayMs?: number;
  /** Gradual magnitude pruning of the global model (embedded coordinator only). */
  pruning?: PruningSchedule;
  /**
   * Run the embedded coordinator in a process of its own, so that this one holds only the clients'
   * socket ends. Default: when both ends of every socket would not fit the open-file limit.
   */
  coordinatorProcess?: boolean;
}

const D = DEFAULT_COORDINATOR_CONFIG;
const ENCODING = updateEncodingDefaults();

/**
 * The defaults of `edgefl-sim` (threads: one per core is chosen by the CLI): the coordinator's
 * defaults where they share a meaning (secure rounds at 8 bits, rounds, goal, training), read off
 * `DEFAULT_COORDINATOR_CONFIG`. A plain run says `{ secure: false, bits: 32 }`.
 */
export const DEFAULT_SIMULATION_OPTIONS: SimulationOptions = {
  clients: 20,
  perRound: D.clientsPerRound,
  rounds: D.rounds,
  dataset: 'auto',
  partition: 'iid',
  localEpochs: D.training.epochs,
  batchSize: D.training.batchSize,
  learningRate: D.training.learningRate,
  optimizer: D.training.optimizer,
  learningRateSchedule: D.learningRateSchedule,
  downlink: D.downlink && { bits: D.downlink.bits, maxLag: D.downlink.maxLag },
  samplesPerClient: 0,
  testLimit: 10_000,
  seed: 1,
  out: 'runs/sim',
  bits: ENCODING.secure ? ENCODING.secureBits : ENCODING.plainBits,
  secure: ENCODING.secure,
  clipRange: ENCODING.clipRange,
  chunkSize: ENCODING.chunkSize,
  errorFeedback: false,
  roundTimeoutMs: D.roundTimeoutMs,
  dropout: 0,
  stragglers: 0,
  badActors: 0,
  backend: 'auto',
  threads: 1,
  quiet: false,
};
