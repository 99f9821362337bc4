import type { AggregationStrategy } from '@edgefl/aggregation';
import type { AdaptiveClip, PrivacyLedger, RandomSource } from '@edgefl/privacy';
import type { ClientChannel } from './client-channel';
import type { CoordinatorConfig } from './coordinator-config';
import type { CoordinatorLogger } from './coordinator-logger';
import type { DownlinkPlanner } from './downlink-planner';
import type { ModelEvaluation } from './model-evaluation';
import type { SuspicionPolicy } from './suspicion-policy';

/** What the stages of a round may use: configuration, the clients (through the seam, never a socket) and the pure strategy. */
export interface RoundContext {
  config: CoordinatorConfig;
  /** The connected clients and the only way to send to them. */
  clients: ClientChannel;
  /** FedAvg (and the configured robust aggregator and server optimizer) from the aggregation lib. */
  strategy: AggregationStrategy;
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
  /**
   * The randomness of differential privacy: Poisson cohort sampling, central DP noise, adaptive
   * clipping's count noise and the secure DP rounds' rotation seeds. tweetnacl's CSPRNG
   * (`cryptoRandomSource()`) unless `CoordinatorOptions.dpRandomSource` replaces it (tests only).
   */
  dpRandom: RandomSource;
}
