import { magnitudePrune, sparsityAtRound } from '@edgefl/aggregation';
import { prunableKernelSegments } from '@edgefl/models';
import { applyPruningMask } from '@edgefl/protocol';
import type { CoordinatorConfig } from './coordinator-config';
import type { RoundState } from './round-state';

/**
 * The new global model of the round after the pruning schedule (`config.pruning`): the round's
 * mask (`state.pruningMask`, the coordinates already pruned) applied again, so a server
 * optimizer's momentum cannot revive them, then the kernels magnitude-pruned to
 * `sparsityAtRound(schedule, round)` (already-zero weights count first, so the mask only grows, at
 * the schedule's pruning rounds); unchanged without a schedule or before its start. Applied
 * before the model is evaluated and committed, so the committed version is the pruned one.
 *
 * @example
 * const weights = pruneGlobalModel(config, state, aggregated);
 */
export function pruneGlobalModel(
  config: CoordinatorConfig,
  state: Pick<RoundState, 'round' | 'pruningMask'>,
  weights: Float32Array,
): Float32Array {
  if (!config.pruning) return weights;
  const sparsity = sparsityAtRound(config.pruning, state.round);
  if (sparsity === 0) return weights;
  const masked = state.pruningMask ? applyPruningMask(weights, state.pruningMask) : weights;
  return magnitudePrune(masked, prunableKernelSegments(config.model), sparsity);
}
