import type { WeightedUpdate } from './weighted-update';

/**
 * Turns the current global weights and a round's client updates into the next global weights.
 * An implementer must be pure with respect to its inputs (no mutation, no I/O); any optimizer
 * state it keeps belongs to one training run.
 *
 * @example
 * const strategy: AggregationStrategy = new FedAvgStrategy();
 * global = strategy.aggregate(global, updates);
 */
export interface AggregationStrategy {
  aggregate(global: Float32Array, updates: readonly WeightedUpdate[]): Float32Array;
}
