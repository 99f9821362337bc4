import { RoundStage } from '@edgefl/protocol';
import type { PruningMask, TaskMessage } from '@edgefl/protocol';
import { FedAvgSum } from '@edgefl/aggregation';
import type { WeightedUpdate } from '@edgefl/aggregation';
import type { SecureRoundState } from './secure-round-state';
import { createAttemptBlame } from './attempt-blame';
import type { AttemptBlame } from './attempt-blame';

/** What the stages of one attempt share; created by the coordinator, mutated only by stages. */
export interface RoundState {
  runId: string;
  round: number;
  attempt: number;
  roundId: string;
  stage: RoundStage;
  modelVersion: number;
  globalWeights: Float32Array;
  seed: number;
  startedAt: number;
  task?: TaskMessage;
  /** Pruned models only: the mask of `globalWeights` (`roundPruningMask`); updates carry its kept coordinates only. */
  pruningMask?: PruningMask;
  /** Selected client ids. */
  cohort: Set<string>;
  /** Cohort members whose update was accepted, in arrival order. */
  reported: string[];
  /** Cohort members that disconnected or missed the deadline (not the surplus of over-selection). */
  dropped: Set<string>;
  rejected: number;
  /** Plain FedAvg rounds: sum_k n_k * delta_k and sum_k n_k, folded as updates arrive so memory stays one model's worth. */
  sum: FedAvgSum;
  /** Plain rounds with a robust aggregator: the bounded updates, combined at the aggregate stage (`sum` stays empty). */
  updates?: WeightedUpdate[];
  trainLossSum: number;
  trainLossWeight: number;
  /** What this attempt showed about its members (evidence, complaints), for the suspicion policy. */
  blame: AttemptBlame;
  /** Most clients to select (a retry after an unexplained failure of the whole cohort draws a smaller one). */
  cohortLimit?: number;
  /** Secure rounds only: the SecAgg+ round (its unmasked sum is decoded at the aggregate stage). */
  secure?: SecureRoundState;
  /** DP rounds only: the Poisson sampling rate q and the clients it was applied to. */
  dp?: { samplingRate: number; available: number; unclipped: number; clip: number };
}

export function createRoundState(fields: {
  runId: string;
  round: number;
  attempt: number;
  modelVersion: number;
  globalWeights: Float32Array;
  seed: number;
  /** Ignored: an attempt's bytes are counted by the runner's `RoundTraffic`. */
  bytesInAtStart?: number;
  /** Ignored, as `bytesInAtStart`. */
  bytesOutAtStart?: number;
  cohortLimit?: number;
}): RoundState {
  const { runId, round, attempt, modelVersion, globalWeights, seed, cohortLimit } = fields;
  return {
    runId,
    round,
    attempt,
    modelVersion,
    globalWeights,
    seed,
    cohortLimit,
    roundId: `${fields.runId}/${fields.round}/${fields.attempt}`,
    stage: RoundStage.Configure,
    startedAt: Date.now(),
    cohort: new Set(),
    reported: [],
    dropped: new Set(),
    rejected: 0,
    sum: new FedAvgSum(fields.globalWeights.length),
    trainLossSum: 0,
    trainLossWeight: 0,
    blame: createAttemptBlame(),
  };
}
