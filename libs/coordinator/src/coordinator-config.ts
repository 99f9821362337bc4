import { assertLearningRateSchedule, createServerOptimizer } from '@edgefl/aggregation';
import type { LearningRateSchedule, ServerOptimizerConfig } from '@edgefl/aggregation';
import type { ModelSpec, ProtocolLimits, TrainingConfig, UpdateEncoding } from '@edgefl/protocol';
import { DEFAULT_LIMITS, DEFAULT_MODEL_SPEC } from '@edgefl/protocol';
import { resolveDownlinkConfig, type DownlinkConfig } from './downlink-config';
import { resolveSecureAggregationConfig, type SecureAggregationConfig } from './secure-aggregation-config';
import { DEFAULT_UPDATE_DEFENCE, resolveUpdateDefenceConfig, type UpdateDefenceConfig } from './update-defence-config';

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
  /** Attempts of one round before the run stops. */
  maxAttemptsPerRound: number;
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
   * Secure aggregation (SecAgg+) for every round; absent: plain FedAvg over individual updates.
   * `encoding` is then unused: the round's fixed grid (`secure.bits`, `secure.range`) replaces it.
   */
  secure?: SecureAggregationConfig;
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
   * the new model as a quantized delta from it (docs/PROTOCOL.md, "Downlink deltas"). Absent: full
   * float32 weights in every task.
   */
  downlink?: DownlinkConfig;
}

/** What a caller may give: any field, and any part of `defence` (the rest comes from the defaults). */
export type CoordinatorConfigInput = Partial<Omit<CoordinatorConfig, 'defence'>> & { defence?: Partial<UpdateDefenceConfig> };

export const DEFAULT_COORDINATOR_CONFIG: CoordinatorConfig = {
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
  model: DEFAULT_MODEL_SPEC,
  training: { epochs: 1, batchSize: 32, learningRate: 0.002, optimizer: 'adam' },
  encoding: { kind: 'float32' },
  limits: DEFAULT_LIMITS,
  pingIntervalMs: 25_000,
  pingTimeoutMs: 60_000,
  seed: 1,
  defence: DEFAULT_UPDATE_DEFENCE,
  serverOptimizer: { kind: 'fedavg' },
  learningRateSchedule: { kind: 'constant' },
};

/**
 * Fills defaults and checks every field, naming the bad one.
 *
 * @example
 * const config = resolveCoordinatorConfig({ rounds: 3, clientsPerRound: 8, minReports: 4 });
 */
export function resolveCoordinatorConfig(partial: CoordinatorConfigInput = {}): CoordinatorConfig {
  const config = { ...DEFAULT_COORDINATOR_CONFIG, ...partial } as CoordinatorConfig;
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
  if (!(config.overSelection >= 1)) throw new RangeError(`config.overSelection must be >= 1, got ${config.overSelection}`);
  if (config.minReports > config.clientsPerRound) {
    throw new RangeError(`config.minReports (${config.minReports}) must not exceed config.clientsPerRound (${config.clientsPerRound})`);
  }
  if (!/^[A-Za-z0-9_.-]{1,32}$/.test(config.runId)) throw new RangeError(`config.runId must be 1-32 chars of [A-Za-z0-9_.-], got ${config.runId}`);
  if (config.secure !== undefined) config.secure = resolveSecureAggregationConfig(config.secure);
  if (config.downlink !== undefined) config.downlink = resolveDownlinkConfig(config.downlink);
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
  config.defence = resolveUpdateDefenceConfig(config.defence, { secure: config.secure !== undefined, minReports: config.minReports });
  return config;
}
