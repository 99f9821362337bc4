import type { AggregationStrategy } from './aggregation-strategy';
import type { AggregatorConfig } from './aggregator-config';
import { combineUpdates } from './combine-updates';
import { createServerOptimizer } from './create-server-optimizer';
import { meanFromWeightedSum } from './mean-from-weighted-sum';
import type { ServerOptimizer } from './server-optimizer';
import type { WeightedUpdate } from './weighted-update';

/**
 * FedAvg as a thin strategy: the round's mean delta, then a server optimizer step (plain FedAvg by
 * default, or any of `createServerOptimizer`'s). The mean is the sample-weighted one
 * ({@link fedAvg}) unless a robust `aggregator` replaces it for `aggregate` (median, trimmed mean,
 * Multi-Krum: they ignore the weights). `aggregateSum` is the entry for a FedAvg sum, which is all
 * that secure aggregation yields (sum_k n_k * delta_k and sum_k n_k).
 *
 * @example
 * const strategy = new FedAvgStrategy(createServerOptimizer({ kind: 'fedavgm' }));
 * global = strategy.aggregate(global, updates);
 * global = strategy.aggregateSum(global, maskedSumUnmasked, totalSamples);
 */
export class FedAvgStrategy implements AggregationStrategy {
  readonly optimizer: ServerOptimizer;

  constructor(
    optimizer: ServerOptimizer = createServerOptimizer({ kind: 'fedavg' }),
    readonly aggregator: AggregatorConfig = { kind: 'fedavg' },
  ) {
    if (typeof optimizer?.step !== 'function') throw new Error('optimizer must implement ServerOptimizer.step');
    this.optimizer = optimizer;
  }

  aggregate(global: Float32Array, updates: readonly WeightedUpdate[]): Float32Array {
    return this.optimizer.step(global, combineUpdates(this.aggregator, updates));
  }

  aggregateSum(global: Float32Array, weightedSum: Float64Array | Float32Array, totalWeight: number): Float32Array {
    return this.optimizer.step(global, meanFromWeightedSum(weightedSum, totalWeight));
  }
}
