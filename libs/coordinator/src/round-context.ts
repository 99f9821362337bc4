import type { AggregationStrategy } from '@edgefl/aggregation';
import type { ClientRegistry } from './client-registry';
import type { CoordinatorConfig } from './coordinator-config';
import type { CoordinatorLogger } from './coordinator-logger';
import type { DownlinkPlanner } from './downlink-planner';
import type { ModelEvaluation } from './model-evaluation';

/** What the stages of a round may use: configuration, the connected clients and the pure strategy. */
export interface RoundContext {
  config: CoordinatorConfig;
  registry: ClientRegistry;
  strategy: AggregationStrategy & { aggregateSum(global: Float32Array, weightedSum: Float64Array | Float32Array, totalWeight: number): Float32Array };
  logger: CoordinatorLogger;
  evaluate?: (weights: Float32Array) => Promise<ModelEvaluation>;
  signal: AbortSignal;
  /** Present when `config.downlink` is set: personalizes each client's task (full weights or a delta). */
  downlink?: DownlinkPlanner;
}
