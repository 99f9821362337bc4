export type { WeightedUpdate } from './weighted-update';
export { fedAvg } from './fed-avg';
export { FedAvgSum } from './fed-avg-sum';
export { meanFromWeightedSum } from './mean-from-weighted-sum';
export type { ServerOptimizer, ServerOptimizerConfig } from './server-optimizer';
export { SERVER_OPTIMIZER_KINDS } from './server-optimizer';
export { FedAvgOptimizer } from './fed-avg-optimizer';
export { FedAvgMOptimizer } from './fed-avg-m-optimizer';
export { FedAdamOptimizer } from './fed-adam-optimizer';
export { FedYogiOptimizer } from './fed-yogi-optimizer';
export { FedAdagradOptimizer } from './fed-adagrad-optimizer';
export { createServerOptimizer } from './create-server-optimizer';
export type { AggregationStrategy } from './aggregation-strategy';
export { FedAvgStrategy } from './fed-avg-strategy';
export { clipToNorm } from './clip-to-norm';
export { coordinateMedian } from './coordinate-median';
export { trimmedMean } from './trimmed-mean';
export { multiKrum } from './multi-krum';
export type { AggregatorConfig } from './aggregator-config';
export { AGGREGATOR_KINDS, assertAggregatorConfig, minimumReportsFor } from './aggregator-config';
export { combineUpdates } from './combine-updates';
export type { LearningRateSchedule } from './learning-rate-schedule';
export {
  LEARNING_RATE_SCHEDULE_KINDS,
  assertLearningRateSchedule,
  scheduledLearningRate,
} from './learning-rate-schedule';
export type { PruningSchedule } from './pruning-schedule';
export { assertPruningSchedule, sparsityAtRound } from './pruning-schedule';
export type { WeightSegment } from './magnitude-prune';
export { magnitudePrune } from './magnitude-prune';
