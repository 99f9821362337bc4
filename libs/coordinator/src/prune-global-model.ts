import { magnitudePrune, sparsityAtRound } from '@edgefl/aggregation';
import { kernelSegments } from '@edgefl/models';
import type { CoordinatorConfig } from './coordinator-config';

/**
 * The new global model of `round` after the pruning schedule (`config.pruning`): its kernels
 * magnitude-pruned to `sparsityAtRound(schedule, round)`; unchanged without a schedule or
 * before its start. Applied before the model is evaluated and committed, so the committed
 * version is the pruned one.
 *
 * @example
 * const weights = pruneGlobalModel(config, state.round, aggregated);
 */
export function pruneGlobalModel(config: CoordinatorConfig, round: number, weights: Float32Array): Float32Array {
  if (!config.pruning) return weights;
  const sparsity = sparsityAtRound(config.pruning, round);
  return sparsity > 0 ? magnitudePrune(weights, kernelSegments(config.model), sparsity) : weights;
}
