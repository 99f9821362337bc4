import type { WeightedUpdate } from './weighted-update';

/**
 * Turns the current global weights and a round's client updates into the next global weights.
 * The coordinator aggregates every round through this interface: `aggregate` when it kept the
 * round's updates (robust aggregators need them all at once), `aggregateSum` when it only has their
 * FedAvg sum (updates folded as they arrived into a {@link FedAvgSum}, or the sum secure aggregation
 * revealed). An implementer must be pure with respect to its inputs (no mutation, no I/O); any
 * optimizer state it keeps belongs to one training run.
 *
 * @example
 * const strategy: AggregationStrategy = new FedAvgStrategy();
 * global = strategy.aggregate(global, updates);
 * global = strategy.aggregateSum(global, sum.weightedSum, sum.totalWeight);
 */
export interface AggregationStrategy {
  aggregate(global: Float32Array, updates: readonly WeightedUpdate[]): Float32Array;
  /** The same step from sum_k n_k * delta_k and sum_k n_k (> 0) alone. */
  aggregateSum(global: Float32Array, weightedSum: Float64Array | Float32Array, totalWeight: number): Float32Array;
}
