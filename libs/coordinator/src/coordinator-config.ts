import { assertLearningRateSchedule, createServerOptimizer } from '@edgefl/aggregation';
import type { LearningRateSchedule, ServerOptimizerConfig } from '@edgefl/aggregation';
import type { ModelSpec, ProtocolLimits, TrainingConfig, UpdateEncoding } from '@edgefl/protocol';
import { DEFAULT_LIMITS, DEFAULT_MODEL_SPEC } from '@edgefl/protocol';
import { DEFAULT_DOWNLINK, resolveDownlinkConfig, type DownlinkConfig } from './downlink-config';
import { resolveDpConfig } from '@edgefl/privacy';
import type { DpConfig, DpOptions } from '@edgefl/privacy';
import { checkSecureGraphParameters } from './check-secure-graph-parameters';
import type { SimulationModeConfig } from './simulation-mode';
import {
  DEFAULT_SECURE_AGGREGATION,
  resolveSecureAggregationConfig,
  type SecureAggregationConfig,
} from './secure-aggregation-config';
import { DEFAULT_UPDATE_DEFENCE, resolveUpdateDefenceConfig, type UpdateDefenceConfig } from './update-defence-config';
import { resolveSuspicionConfig, type SuspicionConfig } from './suspicion-config';
import { assertPruningSchedule } from '@edgefl/aggregation';
import type { PruningSchedule } from '@edgefl/aggregation';

/** Everything that shapes a run. All fields have defaults; see {@link resolveCoordinatorConfig}. */
export interface CoordinatorConfig {
  /** TCP port; 0 picks a free one. */
  port: number;
  host: string;
  runId: string;
  /** Rounds to complete before the run ends. */
  rounds: number;
  /** Reports wanted per round (the goal count). */
  clientsPerRound: number;
  /** Clients selected per round as a multiple of the goal, to absorb dropouts (Bonawitz et al. 2019: ~1.3). */
  overSelection: number;
  /** Fewest reports that still make a round; fewer by the deadline abandons the attempt. */
  minReports: number;
  /** How long selected clients have to report, from the task being sent. */
  roundTimeoutMs: number;
  /** Pause before retrying an abandoned round. */
  retryDelayMs: number;
  /**
   * Abandoned attempts of one round in a row that quarantine nobody new before the run stops
   * (an attempt that quarantines someone changed who can be selected: it starts the count again).
   */
  maxAttemptsPerRound: number;
  /** Suspicion scores and quarantine of clients that made attempts fail (suspicion-policy.ts). */
  suspicion: SuspicionConfig;
  /**
   * Adaptive stage deadlines: once a stage has what it needs to go on (the plain round's
   * minReports reports; a secure stage's max(t, minReports) answers), it waits at most
   * max(stageGraceMinMs, stageGraceFactor x the time that took) more for the rest, then closes.
   * 0 turns it off: every stage waits for everyone or its deadline.
   */
  stageGraceFactor: number;
  stageGraceMinMs: number;
  model: ModelSpec;
  training: TrainingConfig;
  encoding: UpdateEncoding;
  limits: ProtocolLimits;
  /** socket.io heartbeat: long local training must not look like a dead peer. */
  pingIntervalMs: number;
  pingTimeoutMs: number;
  /** Seeds cohort selection, the initial model and the clients' per-round seeds. */
  seed: number;
  /**
   * Secure aggregation (SecAgg+) for every round, the default ({@link DEFAULT_SECURE_AGGREGATION});
   * `encoding` is then unused: the round's fixed grid (`secure.bits`, `secure.range`) replaces it.
   * `false`: plain FedAvg over individual updates, uploaded in `encoding` (float32 by default).
   */
  secure: SecureAggregationConfig | false;
  /** Plain rounds: the norm bound, the sample cap and the aggregator (robust ones refused with `secure`). */
  defence: UpdateDefenceConfig;
  /**
   * The server step applied to each round's aggregate (plain and secure rounds alike): FedAvg with a
   * server learning rate, FedAvgM, FedAdam, FedYogi or FedAdagrad. Its state (momentum, moments)
   * lives in memory: a coordinator resumed from a checkpoint starts it afresh.
   */
  serverOptimizer: ServerOptimizerConfig;
  /** The clients' learning rate across rounds, from `training.learningRate`; each task carries its round's rate. */
  learningRateSchedule: LearningRateSchedule;
  /**
   * Downlink compression: clients that announced `deltaDownlink` and hold a recent full model get
   * the new model as a quantized delta from it (docs/PROTOCOL.md, "Downlink deltas"); on by default
   * at 8 bits. `false`: full float32 weights in every task.
   */
  downlink: DownlinkConfig | false;
  /** Gradual magnitude pruning of the global model's kernels after aggregation (absent: dense). */
  pruning?: PruningSchedule;
  /** Set by simulation harnesses only: canonical order instead of first-come (see SimulationModeConfig). */
  simulation?: SimulationModeConfig;
  /**
   * Client-level differential privacy (docs/PRIVACY.md): Poisson cohort selection, updates clipped
   * to L2 norm `clip` and weighted uniformly, Gaussian noise of std noiseMultiplier * clip on the
   * sum, fixed denominator; the run stops before a round would exceed `epsilon`.
   */
  dp?: DpConfig;
}

/** What a caller may give: any field, any part of `defence` (the rest comes from the defaults), and a `dp` that may leave the noise multiplier to be solved from a budget. */
export type CoordinatorConfigInput = Partial<Omit<CoordinatorConfig, 'defence' | 'dp' | 'secure' | 'downlink'>> & {
  /** Left out: secure rounds with {@link DEFAULT_SECURE_AGGREGATION}; fields given replace its; `false`: plain rounds. */
  secure?: Partial<SecureAggregationConfig> | false;
  defence?: Partial<UpdateDefenceConfig>;
  dp?: DpOptions;
  /** Left out: {@link DEFAULT_DOWNLINK} (8-bit deltas); fields given replace its; `false`: float32 models in every task. */
  downlink?: Partial<DownlinkConfig> | false;
};

/**
 * The one set of defaults: `new Coordinator()` runs them, and both CLIs (`edgefl-coordinator`,
 * `edgefl-sim`) derive their flag defaults from them (README, "Configuration"). Secure rounds at
 * 8 bits: the coordinator learns only sums unless told `secure: false` (`--no-secure`).
 */
export const DEFAULT_COORDINATOR_CONFIG: Readonly<CoordinatorConfig> = Object.freeze<CoordinatorConfig>({
  port: 0,
  host: '127.0.0.1',
  runId: 'run',
  rounds: 10,
  clientsPerRound: 10,
  overSelection: 1.3,
  minReports: 2,
  roundTimeoutMs: 120_000,
  retryDelayMs: 1_000,
  maxAttemptsPerRound: 5,
  suspicion: { quarantineScore: 3, quarantineRounds: 10, maxAccusedPerClient: 2 },
  stageGraceFactor: 1,
  stageGraceMinMs: 1_000,
  model: DEFAULT_MODEL_SPEC,
  // 3 local epochs and a cosine schedule: on label-skewed data FedAvg gained about 4.5 points at dirichlet:0.5 and 13 at 0.1 over 1 epoch at a constant rate (docs/BENCHMARKS.md, "bench:algorithms").
  training: { epochs: 3, batchSize: 32, learningRate: 0.002, optimizer: 'adam' },
  encoding: { kind: 'float32' },
  limits: DEFAULT_LIMITS,
  pingIntervalMs: 25_000,
  pingTimeoutMs: 60_000,
  seed: 1,
  defence: DEFAULT_UPDATE_DEFENCE,
  serverOptimizer: { kind: 'fedavg' },
  learningRateSchedule: { kind: 'cosine' },
  downlink: DEFAULT_DOWNLINK,
  secure: DEFAULT_SECURE_AGGREGATION,
});

/**
 * Fills defaults and checks every field, naming the bad one.
 *
 * @example
 * const config = resolveCoordinatorConfig({ rounds: 3, clientsPerRound: 8, minReports: 4 });
 */
export function resolveCoordinatorConfig(partial: CoordinatorConfigInput = {}): CoordinatorConfig {
  const { dp, secure, ...rest } = partial;
  const config = { ...DEFAULT_COORDINATOR_CONFIG, ...rest } as CoordinatorConfig;
  const positiveInteger = (name: keyof CoordinatorConfig, min = 1): void => {
    const value = config[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      throw new RangeError(`config.${String(name)} must be an integer >= ${min}, got ${String(value)}`);
    }
  };
  positiveInteger('port', 0);
  positiveInteger('rounds');
  positiveInteger('clientsPerRound');
  positiveInteger('minReports');
  positiveInteger('roundTimeoutMs');
  positiveInteger('retryDelayMs', 0);
  positiveInteger('maxAttemptsPerRound');
  positiveInteger('pingIntervalMs');
  positiveInteger('pingTimeoutMs');
  positiveInteger('stageGraceMinMs', 0);
  if (!(
    typeof config.stageGraceFactor === 'number' &&
    Number.isFinite(config.stageGraceFactor) &&
    config.stageGraceFactor >= 0
  )) {
    throw new RangeError(
      `config.stageGraceFactor must be a finite number >= 0, got ${String(config.stageGraceFactor)}`,
    );
  }
  config.suspicion = resolveSuspicionConfig(config.suspicion);
  if (!(config.overSelection >= 1))
    throw new RangeError(`config.overSelection must be >= 1, got ${config.overSelection}`);
  if (config.minReports > config.clientsPerRound) {
    throw new RangeError(
      `config.minReports (${config.minReports}) must not exceed config.clientsPerRound (${config.clientsPerRound})`,
    );
  }
  if (!/^[A-Za-z0-9_.-]{1,32}$/.test(config.runId))
    throw new RangeError(`config.runId must be 1-32 chars of [A-Za-z0-9_.-], got ${config.runId}`);
  if (secure !== undefined && secure !== false && (typeof secure !== 'object' || secure === null))
    throw new TypeError(`config.secure must be an object or false, got ${String(secure)}`);
  // Fields left undefined keep the default's (a CLI passes `neighbours: undefined` for "chosen per round").
  const given = Object.fromEntries(Object.entries(secure ?? {}).filter(([, value]) => value !== undefined));
  config.secure =
    secure === false ? false : resolveSecureAggregationConfig({ ...DEFAULT_SECURE_AGGREGATION, ...given });
  if (config.secure)
    checkSecureGraphParameters(config.secure, Math.ceil(config.clientsPerRound * config.overSelection));
  const { downlink } = partial;
  if (downlink !== false && downlink !== undefined && (typeof downlink !== 'object' || downlink === null))
    throw new TypeError(`config.downlink must be an object or false, got ${String(downlink)}`);
  config.downlink = downlink === false ? false : resolveDownlinkConfig(downlink ?? {});
  try {
    createServerOptimizer(config.serverOptimizer);
  } catch (error) {
    throw new RangeError(`config.serverOptimizer: ${(error as Error).message}`);
  }
  try {
    assertLearningRateSchedule(config.learningRateSchedule, config.training.learningRate);
  } catch (error) {
    throw new RangeError(`config.learningRateSchedule: ${(error as Error).message}`);
  }
  config.defence = resolveUpdateDefenceConfig(config.defence, {
    secure: config.secure !== false,
    minReports: config.minReports,
  });
  if (config.pruning !== undefined) assertPruningSchedule(config.pruning, 'config.pruning');
  if (dp !== undefined)
    config.dp = resolveDpConfig(dp, { rounds: config.rounds, clientsPerRound: config.clientsPerRound });
  if (config.dp && config.defence.aggregator.kind !== 'fedavg') {
    throw new RangeError(
      `config.dp needs the clipped sum that DP-FedAvg noises: config.defence.aggregator ${config.defence.aggregator.kind} is refused with it`,
    );
  }
  if (config.dp?.adaptiveClip && config.secure)
    throw new RangeError(
      'config.dp.clipQuantile (adaptive clipping) works in plain rounds only, not with config.secure',
    );
  if (config.dp && config.secure && config.secure.bits < 2)
    throw new RangeError(`config.secure.bits must be >= 2 with config.dp (the DP grid), got ${config.secure.bits}`);
  return config;
}
