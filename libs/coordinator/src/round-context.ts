import type { AggregationStrategy } from '@edgefl/aggregation';
import type { AdaptiveClip, PrivacyLedger } from '@edgefl/privacy';
import type { ClientRegistry } from './client-registry';
import type { CoordinatorConfig } from './coordinator-config';
import type { CoordinatorLogger } from './coordinator-logger';
import type { DownlinkPlanner } from './downlink-planner';
import type { ModelEvaluation } from './model-evaluation';
import type { SuspicionPolicy } from './suspicion-policy';

/** What the stages of a round may use: configuration, the connected clients and the pure strategy. */
export interface RoundContext {
  config: CoordinatorConfig;
  registry: ClientRegistry;
  strategy: AggregationStrategy & {
    aggregateSum(global: Float32Array, weightedSum: Float64Array | Float32Array, totalWeight: number): Float32Array;
  };
  logger: CoordinatorLogger;
  evaluate?: (weights: Float32Array) => Promise<ModelEvaluation>;
  signal: AbortSignal;
  /** Present when `config.downlink` is set: personalizes each client's task (full weights or a delta). */
  downlink?: DownlinkPlanner;
  /** DP runs only: the privacy budget, consulted before a cohort is selected. */
  privacy?: PrivacyLedger;
  /** DP runs with adaptive clipping (plain rounds): the clip in force, moved after every round. */
  adaptiveClip?: AdaptiveClip;
  /** Suspicion scores and quarantine: cohorts skip quarantined clients and prefer low scores. */
  suspicion: SuspicionPolicy;
}
